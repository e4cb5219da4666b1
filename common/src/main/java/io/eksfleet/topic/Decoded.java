package io.eksfleet.topic;

/**
 * A record's value as its topic's type, read by {@link RecordDeserializer}: the value, or (for a record that
 * cannot be read) why, with the bytes as they came either way, so that a task can be forwarded to
 * its retry or dead-letter topic unchanged. A tombstone has neither value nor reason.
 */
public record Decoded(Object value, byte[] raw, SkipReason reason, String poison) {

    public static final Decoded TOMBSTONE = new Decoded(null, null, null, null);

    /** A record that breaks its topic's contract. */
    public static Decoded poison(byte[] raw, SkipReason reason, String why) {
        return new Decoded(null, raw, reason, why);
    }

    /** A consumed value: Kafka hands a tombstone's null to no deserialiser. */
    public static Decoded of(Decoded consumed) {
        return consumed == null ? TOMBSTONE : consumed;
    }

    public boolean isPoison() {
        return poison != null;
    }

    public boolean isTombstone() {
        return value == null && poison == null;
    }

    /** The value as {@code type}; only for a record that is neither poison nor a tombstone. */
    public <V> V as(Class<V> type) {
        return type.cast(value);
    }
}
