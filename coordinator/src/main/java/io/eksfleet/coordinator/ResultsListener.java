package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the results topic on a thread of its own and hands every event on. From the current end, so a scan
 * sees all of its own events and none of the history (it takes its position before the scan publishes
 * anything); or from a point in time, to rebuild scans from their events.
 */
final class ResultsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsListener.class);

    private final KafkaConsumer<String, ScanEvent> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<TopicPartition, Long> endOffsets;
    private final java.util.concurrent.CountDownLatch caughtUp = new java.util.concurrent.CountDownLatch(1);

    ResultsListener(Map<String, Object> kafka, Consumer<ScanEvent> sink) {
        this(kafka, null, sink);
    }

    /**
     * @param from read events written since then, or null for only new events
     */
    ResultsListener(Map<String, Object> kafka, Instant from, Consumer<ScanEvent> sink) {
        this(kafka, from, (event, replayed) -> sink.accept(event));
    }

    /** Where the events go, each saying whether it was written before the listener started. */
    interface Sink {
        void accept(ScanEvent event, boolean replayed);
    }

    ResultsListener(Map<String, Object> kafka, Instant from, Sink sink) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        endOffsets = new HashMap<>();
        partitions.forEach(p -> endOffsets.put(p, consumer.position(p)));
        if (from != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            consumer.offsetsForTimes(times).forEach((p, offset) -> {
                if (offset != null) {
                    consumer.seek(p, offset.offset());
                }
            });
        }
        this.thread = new Thread(() -> poll(sink), "eksfleet-results");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Sink sink) {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        sink.accept(record.value(),
                                record.offset() < endOffsets.get(new TopicPartition(record.topic(), record.partition())));
                    }
                });
                if (caughtUp.getCount() > 0 && endOffsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reading scan results failed: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    /** Waits until every event written before this listener started has been handed on. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
