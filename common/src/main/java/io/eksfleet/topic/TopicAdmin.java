package io.eksfleet.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Checks that the brokers answer and creates the topics that are missing. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static void ensureTopics(Map<String, Object> kafka, Duration timeout) {
        ensureTopics(kafka, timeout, Integer.MAX_VALUE);
    }

    /**
     * Creates the missing topics with at most {@code maxPartitions} partitions each (all in one request).
     *
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static void ensureTopics(Map<String, Object> kafka, Duration timeout, int maxPartitions) {
        Admin created;
        try {
            created = new KafkaClients(kafka).admin(timeout);
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnreachableException("the Kafka client settings were refused (" + cause.getMessage()
                    + "): check --kafka-config and --kafka-property");
        }
        try (Admin admin = created) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.min(3, brokers);
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Topics.all().stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(replication, maxPartitions)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (TimeoutException | ExecutionException e) {
            throw new KafkaUnreachableException("Kafka at " + kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer within " + timeout.toSeconds() + " s: check --bootstrap-servers and that the brokers run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while connecting to Kafka");
        }
    }

    /** No broker answered. */
    public static final class KafkaUnreachableException extends RuntimeException {
        public KafkaUnreachableException(String message) {
            super(message);
        }
    }
}
