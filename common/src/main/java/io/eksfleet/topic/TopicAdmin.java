package io.eksfleet.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * Creates the missing topics with at most {@code maxPartitions} partitions each (all in one request). A command
     * that ends fails at once when no bootstrap address accepts a connection (unknown host, connection refused).
     *
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static void ensureTopics(Map<String, Object> kafka, Duration timeout, int maxPartitions) {
        try (Admin admin = admin(kafka, timeout)) {
            String bootstrap = bootstrap(kafka);
            BrokerProbe.unreachable(bootstrap, timeout).ifPresent(reason -> {
                throw new KafkaUnreachableException("Kafka at " + bootstrap + " is not reachable (" + reason
                        + "): check --bootstrap-servers and that the brokers run");
            });
            createTopics(admin, kafka, timeout, maxPartitions);
        }
    }

    /**
     * For services that may start before their brokers (a compose file, a pod): waits up to {@code timeout} for a
     * bootstrap address to accept a connection, then creates the missing topics.
     *
     * @throws KafkaUnreachableException when no broker answers within {@code timeout}
     */
    public static void awaitTopics(Map<String, Object> kafka, Duration timeout) throws InterruptedException {
        try (Admin admin = admin(kafka, timeout)) {
            String bootstrap = bootstrap(kafka);
            long deadline = System.nanoTime() + timeout.toNanos();
            Optional<String> unreachable = BrokerProbe.unreachable(bootstrap, timeout);
            while (unreachable.isPresent() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                unreachable = BrokerProbe.unreachable(bootstrap, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            if (unreachable.isPresent()) {
                throw new KafkaUnreachableException("Kafka at " + bootstrap + " was not reachable within " + timeout.toSeconds()
                        + " s (" + unreachable.get() + "): check --bootstrap-servers and that the brokers run");
            }
            createTopics(admin, kafka, timeout, Integer.MAX_VALUE);
        }
    }

    /** How often a waiting service tries its brokers again. */
    private static final long RETRY_MILLIS = 500;

    private static String bootstrap(Map<String, Object> kafka) {
        return String.valueOf(kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The admin client, or a one-line error when the client settings are refused (before any connection). */
    private static Admin admin(Map<String, Object> kafka, Duration timeout) {
        try {
            return new KafkaClients(kafka).admin(timeout);
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            throw new KafkaUnreachableException("the Kafka client settings were refused (" + message + "): check "
                    + (message.contains(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) ? "--bootstrap-servers (HOST:PORT,...)" : "--kafka-config and --kafka-property"));
        }
    }

    private static void createTopics(Admin admin, Map<String, Object> kafka, Duration timeout, int maxPartitions) {
        try {
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
            throw new KafkaUnreachableException("Kafka at " + bootstrap(kafka) + " did not answer within " + timeout.toSeconds()
                    + " s: check --bootstrap-servers, the security settings (--kafka-config) and that the brokers run");
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
