package io.eksfleet.topic;

import io.eksfleet.scan.Printable;
import io.eksfleet.scan.VersionedMessage;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one deserialiser of every eksfleet consumer: each record is checked against its topic's contract
 * ({@link Contracts}) and read as the value type its topic has in {@link Topics}; a record that fails (not JSON, an
 * unknown version, a missing, null or wrongly typed field, a control character) comes out as
 * {@link Decoded#poison()} with the reason instead of an exception that would stop the consumer.
 */
public final class RecordDeserializer implements Deserializer<Decoded> {

    @Override
    public Decoded deserialize(String topic, byte[] data) {
        try {
            return read(topic, data);
        } catch (RuntimeException e) {
            // Whatever a record does to a parser or a validator, it must not stop the consumer that polled it.
            return Decoded.poison(data, SkipReason.CONTRACT, "unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static Decoded read(String topic, byte[] data) {
        if (data == null) {
            return Decoded.TOMBSTONE;
        }
        Topic<?> registered = Topics.byName(topic);
        if (registered == null) {
            return Decoded.poison(data, SkipReason.NOT_EKSFLEET, "not an eksfleet topic: " + topic);
        }
        if (data.length == 0) {
            return Decoded.poison(data, SkipReason.NOT_JSON, "empty record");
        }
        JsonNode tree;
        try {
            tree = Messages.MAPPER.readTree(data);
        } catch (JacksonException e) {
            return Decoded.poison(data, SkipReason.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            return Decoded.poison(data, SkipReason.NOT_JSON, "not a JSON object");
        }
        if (registered.valueType() != JsonNode.class) {
            JsonNode v = tree.get("v");
            if (v != null && v.isIntegralNumber() && !(v.canConvertToInt() && v.asInt() == VersionedMessage.VERSION)) {
                return Decoded.poison(data, SkipReason.VERSION,
                        "unknown message version " + Printable.of(v.toString()) + " (this reader knows " + VersionedMessage.VERSION + ")");
            }
        }
        String problem = Contracts.problem(registered, tree);
        if (problem != null) {
            return Decoded.poison(data, SkipReason.CONTRACT, problem);
        }
        Object value;
        try {
            value = registered.valueType() == JsonNode.class ? tree : Messages.MAPPER.treeToValue(tree, registered.valueType());
        } catch (JacksonException e) {
            return Decoded.poison(data, SkipReason.CONTRACT, "not a " + registered.valueType().getSimpleName() + ": " + e.getOriginalMessage());
        }
        return new Decoded(value, data, null, null);
    }
}
