package io.eksfleet.topic;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic with its partition count, the types of its keys (always strings) and values (versioned JSON), and
 * the settings it is created with (retention, or compaction for the inventory; docs/topics.md says why each).
 */
public record Topic<V>(String name, int partitions, Class<V> valueType, Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    /** A topic whose records are deleted once they are older than {@code retention}. */
    public static <V> Topic<V> retained(String name, int partitions, Class<V> valueType, Duration retention) {
        return new Topic<>(name, partitions, valueType, Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())));
    }

    /**
     * A compacted topic: the latest value per key is kept, a null value (tombstone) removes the key once it has been
     * readable for {@code tombstones}; a value stays uncompacted for at least {@code lag}, so that a consumer that
     * reads within it sees every change.
     */
    public static <V> Topic<V> compacted(String name, int partitions, Class<V> valueType, Duration tombstones, Duration lag) {
        return new Topic<>(name, partitions, valueType, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(tombstones.toMillis()),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(lag.toMillis())));
    }

    /** The same topic under another name with other settings (a stage's retry and dead-letter topics). */
    public Topic<V> derived(String suffix, Duration retention) {
        return retained(name + suffix, partitions, valueType, retention);
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
