package io.eksfleet.topic;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic with its partition count, the types of its keys (always strings) and values (versioned JSON), and
 * the settings it is created with (compaction for the inventory).
 */
public record Topic<V>(String name, int partitions, Class<V> valueType, Map<String, String> configs) {

    public Topic(String name, int partitions, Class<V> valueType) {
        this(name, partitions, valueType, Map.of());
    }

    /** A compacted topic: the latest value per key is kept, a null value (tombstone) removes the key. */
    public static <V> Topic<V> compacted(String name, int partitions, Class<V> valueType) {
        return new Topic<>(name, partitions, valueType, Map.of("cleanup.policy", "compact"));
    }

    /** A record of this topic: the key, and the value as JSON without type information (the topic decides the type). */
    public ProducerRecord<String, byte[]> record(String key, V value) {
        return new ProducerRecord<>(name, key, value == null ? null : Messages.MAPPER.writeValueAsBytes(value));
    }

    /** The topic to create, with its own partition count or {@code maxPartitions}, whichever is smaller. */
    public NewTopic newTopic(short replicationFactor, int maxPartitions) {
        return new NewTopic(name, Math.min(partitions, maxPartitions), replicationFactor).configs(configs);
    }
}
