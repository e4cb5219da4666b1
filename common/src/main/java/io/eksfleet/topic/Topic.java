package io.eksfleet.topic;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A topic with its partition count, the types of its keys (always strings) and values (versioned JSON), the
 * settings it is created with (retention, or compaction for the inventory; docs/topics.md says why each), what
 * its key is, and its contract: the JSON Schema in {@code docs/schemas} that every value must follow.
 *
 * @param key the key a value is written under, or null where any key goes (event topics fed from outside)
 * @param contract the name of the schema ({@code docs/schemas/<contract>.schema.json}); a stage's retry and
 *     dead-letter topics share their stage's
 */
public record Topic<V>(String name, int partitions, Class<V> valueType, Map<String, String> configs, Function<V, String> key,
                       String contract) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    /** A topic whose records are deleted once they are older than {@code retention}. */
    public static <V> Topic<V> retained(String name, int partitions, Class<V> valueType, Function<V, String> key, Duration retention) {
        return new Topic<>(name, partitions, valueType, Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())),
                key, name);
    }

    /**
     * A compacted topic: the latest value per key is kept, a null value (tombstone) removes the key once it has been
     * readable for {@code tombstones}; a value stays uncompacted for at least {@code lag}, so that a consumer that
     * reads within it sees every change.
     */
    public static <V> Topic<V> compacted(String name, int partitions, Class<V> valueType, Function<V, String> key, Duration tombstones,
                                         Duration lag) {
        return new Topic<>(name, partitions, valueType, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(tombstones.toMillis()),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(lag.toMillis())), key, name);
    }

    /** The same topic under another name with other settings (a stage's retry and dead-letter topics): same key, same contract. */
    public Topic<V> derived(String suffix, Duration retention) {
        return new Topic<>(name + suffix, partitions, valueType, Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())),
                key, contract);
    }

    /** The same topic with {@code count} partitions. */
    public Topic<V> withPartitions(int count) {
        return new Topic<>(name, count, valueType, configs, key, contract);
    }

    public boolean compacted() {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
    }

    /**
     * Whether a record's key is the one its value is written under: the same check for readers as for the writers
     * of {@link #record(Object)}. Topics fed from outside take any key.
     */
    public boolean keyMatches(String recordKey, V value) {
        return key == null || key.apply(value).equals(recordKey);
    }

    /** A record of this topic under its value's own key. */
    public ProducerRecord<String, byte[]> record(V value) {
        return record(key.apply(value), value);
    }

    /**
     * A record of this topic: the key, and the value as JSON without type information (the topic decides the type).
     * With assertions on (every test), what is written is held to the contract its readers check.
     */
    public ProducerRecord<String, byte[]> record(String key, V value) {
        assert value == null || keepsContract(key, value);
        return new ProducerRecord<>(name, key, value == null ? null : Messages.MAPPER.writeValueAsBytes(value));
    }

    private boolean keepsContract(String recordKey, V value) {
        String problem = Contracts.problem(this, Messages.MAPPER.valueToTree(value));
        if (problem != null || !keyMatches(recordKey, value)) {
            throw new AssertionError("a record for " + name + " breaks its contract: " + (problem != null ? problem : "key " + recordKey));
        }
        return true;
    }

    /** The topic to create, with its own partition count or {@code maxPartitions}, whichever is smaller. */
    public NewTopic newTopic(short replicationFactor, int maxPartitions) {
        return new NewTopic(name, Math.min(partitions, maxPartitions), replicationFactor).configs(configs);
    }
}
