package io.eksfleet.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every Kafka client eksfleet makes, and every setting they carry. The connection settings (bootstrap
 * servers, and the security settings of {@code --kafka-config} and {@code --kafka-property}) come from the
 * user; durability, ordering, offsets and fetch timing are eksfleet's and are set here only. Producers send
 * the bytes a {@link Topic} serialises; consumers read through the one {@link RecordDeserializer} and
 * {@link RecordChecks}, which skip and count what breaks a topic's contract.
 */
public final class KafkaClients {

    /** How a consumer takes part: alone, reading partitions it assigns itself, or as a member of a group. */
    public record ConsumerRole(String group, int maxPollRecords, Duration maxPollInterval, Class<?> assignor, Duration sessionTimeout,
                               boolean startsAtEnd, Duration idleFetchWait) {

        /** How long the broker holds a fetch that finds nothing, unless a role says otherwise. */
        static final Duration IDLE_FETCH_WAIT = Duration.ofMillis(50);

        /** Outside any group, every partition assigned by hand, from committed data only. */
        public static ConsumerRole reader() {
            return new ConsumerRole(null, 500, null, null, null, false, IDLE_FETCH_WAIT);
        }

        /** A group member that commits what it finished by hand and starts from the earliest record. */
        public static ConsumerRole member(String group, int maxPollRecords) {
            return new ConsumerRole(group, maxPollRecords, null, null, null, false, IDLE_FETCH_WAIT);
        }

        /** A task that may run long before the next poll (a scan plan: Organizations, many accounts). */
        public ConsumerRole pollingEvery(Duration interval) {
            return new ConsumerRole(group, maxPollRecords, interval, assignor, sessionTimeout, startsAtEnd, idleFetchWait);
        }

        /** Partitions given out by {@code assignorClass}. */
        public ConsumerRole assignedBy(Class<?> assignorClass) {
            return new ConsumerRole(group, maxPollRecords, maxPollInterval, assignorClass, sessionTimeout, startsAtEnd, idleFetchWait);
        }

        /** A new group that starts at the end of its partitions, not at their earliest record. */
        public ConsumerRole fromLatest() {
            return new ConsumerRole(group, maxPollRecords, maxPollInterval, assignor, sessionTimeout, true, idleFetchWait);
        }

        /**
         * A member silent for {@code timeout} loses its partitions to the others (Kafka's default is 45 s: that
         * long, a crashed member's partitions, and any member joining meanwhile, would wait).
         */
        public ConsumerRole silentAtMost(Duration timeout) {
            return new ConsumerRole(group, maxPollRecords, maxPollInterval, assignor, timeout, startsAtEnd, idleFetchWait);
        }

        /**
         * The broker holds a fetch that finds nothing for up to {@code wait}. A record that arrives meanwhile ends the
         * wait at once, so a longer wait costs a consumer whose records are seldom and never urgent (the retry topics,
         * whose tasks wait out seconds of backoff) nothing, and spares the broker the empty fetches in between.
         */
        public ConsumerRole idleFetchAtMost(Duration wait) {
            return new ConsumerRole(group, maxPollRecords, maxPollInterval, assignor, sessionTimeout, startsAtEnd, wait);
        }
    }

    private final Map<String, Object> connection;

    /** @param connection bootstrap servers and security settings, as the user gave them */
    public KafkaClients(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
    }

    /** The clients of brokers that need no other setting (an embedded broker, a simulated fleet's). */
    public static KafkaClients at(String bootstrapServers) {
        return new KafkaClients(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** With a static group membership id: a restarted member gets its partitions back without a rebalance. */
    public KafkaClients withInstanceId(String instanceId) {
        Map<String, Object> out = new HashMap<>(connection);
        out.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        return new KafkaClients(out);
    }

    /** The static membership id, or null. */
    public String instanceId() {
        Object id = connection.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return id == null ? null : id.toString();
    }

    /** Where the brokers are, as the user wrote it: for messages (the other settings may hold passwords). */
    public String bootstrapServers() {
        return String.valueOf(connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Where a producer's records go. */
    public enum Partitioning {
        /** Every record about one account to one partition number ({@link AccountPartitioner}): tasks and scan events. */
        BY_ACCOUNT,
        /** Kafka's hash of the whole key: the compacted inventory, whose keys must stay where they were written. */
        BY_KEY
    }

    /** Durable (every in-sync replica acknowledges), idempotent (a retried send is written once) and ordered per key. */
    public KafkaProducer<String, byte[]> producer(Partitioning partitioning) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Every record costs the broker less in a fuller batch: fewer produce requests, and fewer fetches woken to return
        // a record or two. A hop waits at most this long more.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        if (partitioning == Partitioning.BY_ACCOUNT) {
            props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, AccountPartitioner.class.getName());
        }
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public KafkaConsumer<String, Decoded> consumer(ConsumerRole role) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, role.maxPollRecords());
        // Each stage is a hop: an idle fetch that waits the default 500 ms adds that to every hop of a scan.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) role.idleFetchWait().toMillis());
        props.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, RecordChecks.class.getName());
        if (role.group() != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, role.group());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, role.startsAtEnd() ? "latest" : "earliest");
        }
        if (role.maxPollInterval() != null) {
            props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) role.maxPollInterval().toMillis());
        }
        if (role.assignor() != null) {
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, role.assignor().getName());
        }
        if (role.sessionTimeout() != null) {
            // The user's settings win: a fleet on a slow network may need longer.
            props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) role.sessionTimeout().toMillis());
            props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) role.sessionTimeout().toMillis() / 5);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new RecordDeserializer());
    }

    /** An admin client whose calls give up after {@code timeout}. */
    public Admin admin(Duration timeout) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }
}
