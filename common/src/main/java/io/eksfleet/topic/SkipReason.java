package io.eksfleet.topic;

/** Why a consumer skipped a record: the {@code reason} label of {@code eksfleet_records_skipped_total}. */
public enum SkipReason {
    /** Not JSON, empty, or not a JSON object. */
    NOT_JSON("not-json"),
    /** A {@code v} this reader does not know. */
    VERSION("version"),
    /** JSON that breaks the topic's contract: a field missing, null, of the wrong type or shape, a control character. */
    CONTRACT("contract"),
    /** A value written under a key that is not its own. */
    KEY("key"),
    /** A null value on a topic that is not compacted. */
    TOMBSTONE("tombstone"),
    /** A record on a topic eksfleet does not know. */
    NOT_EKSFLEET("not-eksfleet"),
    /** A valid record whose handling failed: skipped so that the records after it are not held up. */
    FAILED("failed");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
