package io.eksfleet.worker;

import io.eksfleet.topic.Decoded;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks a {@link StageConsumer} has started and what of them may be committed. Tasks finish on whatever thread
 * their last call completes on; they only leave a note here, and the consumer's thread, the one thread that may touch
 * the Kafka consumer, takes the notes in {@link #settle()}. Everything but that note is confined to the consumer's thread.
 */
final class RunningTasks {

    private static final Logger LOG = LoggerFactory.getLogger(RunningTasks.class);

    private record Done(TopicPartition partition, long offset) {
    }

    private final int max;
    private final CommitOffsets offsets = new CommitOffsets();
    private final ConcurrentLinkedQueue<Done> finished = new ConcurrentLinkedQueue<>();
    private int pending;

    /** @param max how many tasks may run before {@link #full()} asks the consumer to pause */
    RunningTasks(int max) {
        this.max = max;
    }

    /**
     * Starts the record's task. A task that fails, or a handler that throws, still finishes: reporting the failure
     * was the task's own job (see {@link StageRunner}), and a partition must not wait for it forever.
     */
    void start(ConsumerRecord<String, Decoded> record, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>> handler) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.started(partition, record.offset());
        pending++;
        CompletableFuture<Void> task;
        try {
            task = handler.apply(record);
        } catch (RuntimeException e) {
            task = CompletableFuture.failedFuture(e);
        }
        task.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("task at {}-{}@{} could not report its result: {}", record.topic(), record.partition(), record.offset(),
                        error.toString());
            }
            finished.add(new Done(partition, record.offset()));
        });
    }

    /** Takes in the tasks finished since the last call; returns each partition's offset that moved, to commit. */
    Map<TopicPartition, OffsetAndMetadata> settle() {
        for (Done done; (done = finished.poll()) != null; ) {
            pending--;
            offsets.finished(done.partition(), done.offset());
        }
        return offsets.advanced();
    }

    int pending() {
        return pending;
    }

    boolean full() {
        return pending >= max;
    }

    boolean anyRunning(Collection<TopicPartition> partitions) {
        return offsets.anyRunning(partitions);
    }

    /** What to commit of these partitions as they are given up: see {@link CommitOffsets#of}. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        return offsets.of(partitions);
    }

    Set<TopicPartition> partitions() {
        return Set.copyOf(offsets.partitions());
    }

    /** The partitions went to another member: what of them finishes later is no longer committed here. */
    void forget(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
    }
}
