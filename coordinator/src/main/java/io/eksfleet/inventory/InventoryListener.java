package io.eksfleet.inventory;

import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads the inventory topic from its beginning on a thread of its own and hands on every record: the ARN and
 * the cluster, or null for a tombstone. The compacted topic's beginning is the whole inventory; it then
 * follows the changes. Unreadable records are skipped with a warning, never stop it.
 */
public final class InventoryListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public InventoryListener(Map<String, Object> kafka, BiConsumer<String, InventoryRecord> sink) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INVENTORY.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        endOffsets.putAll(consumer.endOffsets(partitions));
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> poll(sink), "eksfleet-inventory");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(BiConsumer<String, InventoryRecord> sink) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    InventoryRecord value = null;
                    if (record.value() != null) {
                        try {
                            value = Messages.MAPPER.readValue(record.value(), InventoryRecord.class);
                        } catch (JacksonException e) {
                            LOG.warn("skipped an unreadable inventory record {}: {}", record.key(), e.getOriginalMessage());
                            continue;
                        }
                    }
                    sink.accept(record.key(), value);
                }
                if (caughtUp.getCount() > 0 && endOffsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reading the inventory failed: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    /** Waits until the inventory as it was when this listener started has been handed on. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
