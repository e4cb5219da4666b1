package io.eksfleet.topic;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How many copies of a topic's records there are, and how many of them a write needs before it is acknowledged
 * ({@code min.insync.replicas}; producers write with {@code acks=all}). With three copies a write needs two, so a
 * result acknowledged once survives the death of any one broker, and one broker can be down (a rolling restart)
 * while writes go on. With two copies a write needs one: needing both would stop the fleet whenever either broker
 * restarts, so on two brokers availability wins over the one-copy window. A single broker has one copy.
 *
 * @param minInsyncReplicas the copies a write needs
 */
record Durability(short replication, int minInsyncReplicas) {

    /** What eksfleet creates its topics with on a cluster of {@code brokers}: three copies where there are three brokers. */
    static Durability forBrokers(int brokers) {
        return forReplication(Math.min(3, brokers));
    }

    /** The writes' quorum eksfleet gives a topic of {@code replication} copies: a majority, but one of two. */
    static Durability forReplication(int replication) {
        return new Durability((short) replication, replication <= 2 ? 1 : replication / 2 + 1);
    }

    Map<String, String> configs() {
        return Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
    }

    /** {@code topic} with this durability's settings added to its own. */
    NewTopic applyTo(NewTopic topic) {
        Map<String, String> configs = new HashMap<>(topic.configs() == null ? Map.of() : topic.configs());
        configs.putAll(configs());
        return topic.configs(configs);
    }
}
