package io.eksfleet.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the brokers answer, creates the topics that are missing and reports settings of existing ones that differ. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /**
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static List<String> ensureTopics(KafkaClients kafka, Duration timeout) {
        return ensureTopics(kafka, timeout, TopicLayout.DEFAULT);
    }

    /** Creates the missing topics with at most {@code maxPartitions} partitions each (a few on a test's or an embedded broker). */
    public static List<String> ensureTopics(KafkaClients kafka, Duration timeout, int maxPartitions) {
        return ensureTopics(kafka, timeout, TopicLayout.DEFAULT.capped(maxPartitions));
    }

    /**
     * Creates the missing topics with the partitions of {@code layout} (all in one request). A command
     * that ends fails at once when no bootstrap address accepts a connection (unknown host, connection refused).
     *
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static List<String> ensureTopics(KafkaClients kafka, Duration timeout, TopicLayout layout) {
        try (Admin admin = admin(kafka, timeout)) {
            String bootstrap = kafka.bootstrapServers();
            BrokerProbe.unreachable(bootstrap, timeout).ifPresent(reason -> {
                throw new KafkaUnreachableException("Kafka at " + bootstrap + " is not reachable (" + reason
                        + "): check --bootstrap-servers and that the brokers run");
            });
            return createTopics(admin, kafka, timeout, layout);
        }
    }

    /**
     * For services that may start before their brokers (a compose file, a pod): waits up to {@code timeout} for a
     * bootstrap address to accept a connection, then creates the missing topics.
     *
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static List<String> awaitTopics(KafkaClients kafka, Duration timeout) throws InterruptedException {
        return awaitTopics(kafka, timeout, TopicLayout.DEFAULT);
    }

    /** The same, creating the missing topics with the partitions of {@code layout}. */
    public static List<String> awaitTopics(KafkaClients kafka, Duration timeout, TopicLayout layout) throws InterruptedException {
        try (Admin admin = admin(kafka, timeout)) {
            String bootstrap = kafka.bootstrapServers();
            long deadline = System.nanoTime() + timeout.toNanos();
            Optional<String> unreachable = BrokerProbe.unreachable(bootstrap, timeout);
            while (unreachable.isPresent() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                // Each try gets the whole connect time: a try cut to what is left would only say it ran out of time.
                unreachable = BrokerProbe.unreachable(bootstrap, timeout);
            }
            if (unreachable.isPresent()) {
                throw new KafkaUnreachableException("Kafka at " + bootstrap + " was not reachable within " + timeout.toSeconds()
                        + " s (" + unreachable.get() + "): check --bootstrap-servers and that the brokers run");
            }
            return createTopics(admin, kafka, timeout, layout);
        }
    }

    /** How often a waiting service tries its brokers again. */
    private static final long RETRY_MILLIS = 500;

    /** The admin client, or a one-line error when the client settings are refused (before any connection). */
    private static Admin admin(KafkaClients kafka, Duration timeout) {
        try {
            return kafka.admin(timeout);
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            throw new KafkaUnreachableException("the Kafka client settings were refused (" + message + "): check "
                    + (message.contains(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) ? "--bootstrap-servers (HOST:PORT,...)" : "--kafka-config and --kafka-property"));
        }
    }

    /**
     * Creates the missing topics with eksfleet's settings; of the topics that exist, returns (and logs) a line for
     * every setting eksfleet would have given them that differs, since their owner may have chosen it, and for
     * every stage topic with fewer partitions than eksfleet would create ({@link PartitionCounts}).
     */
    private static List<String> createTopics(Admin admin, KafkaClients kafka, Duration timeout, TopicLayout layout) {
        try {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            Durability durability = Durability.forBrokers(brokers);
            short replication = durability.replication();
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = layout.topics().stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(replication, layout.maxPartitions())).map(durability::applyTo).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> differing = new ArrayList<>(differingSettings(admin, existing, kafka, timeout));
            differing.addAll(PartitionCounts.tooFew(admin, existing, layout, kafka, timeout));
            differing.forEach(LOG::warn);
            return differing;
        } catch (TimeoutException | ExecutionException e) {
            throw new KafkaUnreachableException("Kafka at " + kafka.bootstrapServers() + " did not answer within " + timeout.toSeconds()
                    + " s: check --bootstrap-servers, the security settings (--kafka-config) and that the brokers run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while connecting to Kafka");
        }
    }

    private static List<String> differingSettings(Admin admin, Set<String> existing, KafkaClients kafka, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<Topic<?>> ours = Topics.all().stream().filter(t -> existing.contains(t.name())).toList();
        if (ours.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Config> described = admin.describeConfigs(ours.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> topics = admin.describeTopics(ours.stream().map(Topic::name).toList()).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> differing = new ArrayList<>();
        for (Topic<?> topic : ours) {
            Config config = described.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            Map<String, String> wanted = new TreeMap<>(topic.configs());
            // The writes' quorum for the copies the topic has, which its owner may have chosen other than eksfleet's.
            wanted.putAll(Durability.forReplication(topics.get(topic.name()).partitions().get(0).replicas().size()).configs());
            wanted.forEach((key, value) -> {
                ConfigEntry entry = config == null ? null : config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!value.equals(actual)) {
                    differing.add("topic " + topic.name() + " has " + key + "=" + actual + " where eksfleet sets " + value
                            + " (docs/topics.md says why): keep yours on purpose, or run kafka-configs.sh --bootstrap-server "
                            + kafka.bootstrapServers() + " --alter --entity-type topics --entity-name " + topic.name() + " --add-config "
                            + key + "=" + value);
                }
            });
        }
        return differing;
    }

    /** No broker answered. */
    public static final class KafkaUnreachableException extends RuntimeException {
        public KafkaUnreachableException(String message) {
            super(message);
        }
    }
}
