package io.eksfleet.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic on a thread of its own, outside any consumer group, and hands on each
 * record with whether it was already on the topic when the tail started. It starts at the topic's end (to
 * see only what comes next), or at a point in time (to replay history first: {@link Instant#EPOCH} for a
 * compacted topic's whole content), and says when it has caught up with what was there.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    /** Where the records go; {@code replayed}: written before the tail started. */
    public interface Sink {
        void accept(ConsumerRecord<String, Decoded> record, boolean replayed);
    }

    private final String topic;
    private final KafkaConsumer<String, Decoded> consumer;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param from replay the records written since then, or null for only new ones
     */
    public TopicTail(KafkaClients kafka, String topic, Instant from, Sink sink) {
        this.topic = topic;
        consumer = kafka.consumer(KafkaClients.ConsumerRole.reader());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
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
        thread = new Thread(() -> poll(sink), "eksfleet-tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll(Sink sink) {
        try {
            while (running) {
                for (ConsumerRecord<String, Decoded> record : consumer.poll(Duration.ofMillis(200))) {
                    hand(sink, record);
                }
                if (caughtUp.getCount() > 0 && endOffsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("reading {} failed: {}", topic, e.toString());
        } finally {
            consumer.close();
        }
    }

    /**
     * Hands one record on; one whose handling fails is skipped and counted, so that no record, however it got past
     * its contract, stops the tail or keeps its reader from catching up.
     */
    private void hand(Sink sink, ConsumerRecord<String, Decoded> record) {
        try {
            sink.accept(record, record.offset() < endOffsets.get(new TopicPartition(record.topic(), record.partition())));
        } catch (RuntimeException e) {
            SkippedRecords.skip(record, SkipReason.FAILED, e.toString());
        }
    }

    /** Waits until every record that was on the topic when the tail started has been handed on. */
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
