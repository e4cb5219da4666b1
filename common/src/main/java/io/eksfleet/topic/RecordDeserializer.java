package io.eksfleet.topic;

import io.eksfleet.scan.StageTask;
import io.eksfleet.scan.VersionedMessage;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * The one deserialiser of every eksfleet consumer: each record is read as the value type its topic has in
 * {@link Topics}, and a record that cannot be (not JSON, the wrong shape, an unknown version, a missing
 * field) comes out as {@link Decoded#poison()} with the reason instead of an exception that would stop
 * the consumer.
 */
public final class RecordDeserializer implements Deserializer<Decoded> {

    @Override
    public Decoded deserialize(String topic, byte[] data) {
        if (data == null) {
            return Decoded.TOMBSTONE;
        }
        Topic<?> registered = Topics.byName(topic);
        if (registered == null) {
            return new Decoded(null, data, "not an eksfleet topic: " + topic);
        }
        if (data.length == 0) {
            return new Decoded(null, data, "empty record");
        }
        Object value;
        try {
            value = Messages.MAPPER.readValue(data, registered.valueType());
        } catch (JacksonException e) {
            return new Decoded(null, data, "not a " + registered.valueType().getSimpleName() + ": " + e.getOriginalMessage());
        }
        if (value == null) {
            return new Decoded(null, data, "null record");
        }
        if (value instanceof VersionedMessage message) {
            if (message.v() != VersionedMessage.VERSION) {
                return new Decoded(null, data, "unknown message version " + message.v() + " (this reader knows " + VersionedMessage.VERSION + ")");
            }
        }
        if (value instanceof StageTask task && task.missingField() != null) {
            return new Decoded(null, data, "missing field " + task.missingField());
        }
        return new Decoded(value, data, null);
    }
}
