package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.Topics;
import java.time.Duration;
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
 * Reads the results topic from its current end, so a scan sees all of its own events and none of the
 * history. It takes its position before the scan publishes anything, then hands every event to the scan.
 */
final class ResultsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsListener.class);

    private final KafkaConsumer<String, ScanEvent> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    ResultsListener(Map<String, Object> kafka, Consumer<ScanEvent> sink) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(() -> poll(sink), "eksfleet-results");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Consumer<ScanEvent> sink) {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() != null) {
                        sink.accept(record.value());
                    }
                });
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reading scan results failed: {}", e.toString());
        } finally {
            consumer.close();
        }
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
