package io.eksfleet.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/** A topic with its partition count and the types of its keys (always strings) and values (versioned JSON). */
public record Topic<V>(String name, int partitions, Class<V> valueType) {

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** JSON without type headers: the topic decides the type, so other languages can read and write it. */
    public Serde<V> valueSerde() {
        return new JacksonJsonSerde<V>(valueType, Messages.MAPPER).noTypeInfo();
    }

    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor);
    }
}
