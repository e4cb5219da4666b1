package io.eksfleet.topic;

import io.eksfleet.scan.Printable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records this process's consumers skipped, by topic and {@link SkipReason}: each logged once, as
 * {@code topic@partition:offset} and the reason, and counted in {@code eksfleet_records_skipped_total}. Kafka makes
 * the consumers' interceptors itself, so the counts are kept here, for the whole process, and published by whichever
 * registry binds them.
 */
public final class SkippedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);
    private static final int MAX_REASON = 300;

    private record Key(String topic, SkipReason reason) {
    }

    private static final Map<Key, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final List<MeterRegistry> REGISTRIES = new CopyOnWriteArrayList<>();

    private SkippedRecords() {
    }

    /** Logs and counts one skipped record. */
    public static void skip(ConsumerRecord<?, ?> record, SkipReason reason, String why) {
        LOG.warn("skipped the record at {}@{}:{} ({}): {}", record.topic(), record.partition(), record.offset(), reason.label(), Printable.of(why, MAX_REASON));
        counter(new Key(record.topic(), reason)).incrementAndGet();
    }

    /** How many records of {@code topic} were skipped for {@code reason}. */
    public static long count(String topic, SkipReason reason) {
        AtomicLong count = COUNTS.get(new Key(topic, reason));
        return count == null ? 0 : count.get();
    }

    /** How many records of {@code topic} were skipped, for any reason. */
    public static long count(String topic) {
        return COUNTS.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().get()).sum();
    }

    /** Publishes the counts in {@code registry}, those to come too. */
    public static synchronized void bindTo(MeterRegistry registry) {
        REGISTRIES.add(registry);
        COUNTS.forEach((key, count) -> register(registry, key, count));
    }

    public static void unbind(MeterRegistry registry) {
        REGISTRIES.remove(registry);
    }

    private static AtomicLong counter(Key key) {
        AtomicLong count = COUNTS.get(key);
        if (count != null) {
            return count;
        }
        synchronized (SkippedRecords.class) {
            return COUNTS.computeIfAbsent(key, k -> {
                AtomicLong created = new AtomicLong();
                REGISTRIES.forEach(r -> register(r, k, created));
                return created;
            });
        }
    }

    private static void register(MeterRegistry registry, Key key, AtomicLong count) {
        FunctionCounter.builder("eksfleet.records.skipped", count, AtomicLong::get).tag("topic", key.topic())
                .tag("reason", key.reason().label())
                .description("Records a consumer skipped because they break their topic's contract, or their handling failed")
                .register(registry);
    }
}
