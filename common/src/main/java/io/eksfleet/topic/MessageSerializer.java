package io.eksfleet.topic;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Values as JSON, except raw bytes, which pass as they are: retried and dead-lettered tasks go on exactly
 * as they came, even when they could not be read.
 */
public final class MessageSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        return data instanceof byte[] bytes ? bytes : Messages.MAPPER.writeValueAsBytes(data);
    }
}
