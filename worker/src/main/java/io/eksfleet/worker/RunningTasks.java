package io.eksfleet.worker;

import io.eksfleet.topic.Decoded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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

    /** A task whose result could not be written, to run again once {@code atNanos} has passed. */
    private record Again(ConsumerRecord<String, Decoded> record, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>> handler,
                         long atNanos, int tries) {
    }

    /** The longest wait between two runs of a task whose result could not be written. */
    static final Duration MAX_AGAIN = Duration.ofSeconds(30);

    private final int max;
    private final CommitOffsets offsets = new CommitOffsets();
    private final ConcurrentLinkedQueue<Done> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Again> again = new ConcurrentLinkedQueue<>();
    private final List<Again> waiting = new ArrayList<>();
    private final Map<String, Integer> pendingByTopic = new HashMap<>();
    private int pending;

    /**
     * @param max how many tasks of one topic may run before {@link #full} asks the consumer to pause that topic: a cap
     *     per topic, so that a backlog of one stage (10,000 account tasks as an organisation is listed) does not hold
     *     every slot while the other stages' tasks wait behind it
     */
    RunningTasks(int max) {
        this.max = max;
    }

    /**
     * Starts the record's task. A task reports its own failures (see {@link StageRunner}); a task whose future fails
     * could not write its result, its next tasks or its retry (Kafka unreachable for longer than the producer's
     * delivery timeout), so it is not finished: its offset stays uncommitted and it runs again, with a backoff, for
     * as long as this consumer holds its partition. Committing it would lose its clusters from the scan.
     */
    void start(ConsumerRecord<String, Decoded> record, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>> handler) {
        offsets.started(partitionOf(record), record.offset());
        pending++;
        pendingByTopic.merge(record.topic(), 1, Integer::sum);
        run(record, handler, 0);
    }

    private void run(ConsumerRecord<String, Decoded> record, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>> handler,
                     int tries) {
        CompletableFuture<Void> task;
        try {
            task = handler.apply(record);
        } catch (RuntimeException e) {
            task = CompletableFuture.failedFuture(e);
        }
        task.whenComplete((ok, error) -> {
            if (error == null) {
                finished.add(new Done(partitionOf(record), record.offset()));
                return;
            }
            Duration wait = Duration.ofSeconds(Math.min(MAX_AGAIN.toSeconds(), 1L << Math.min(tries, 5)));
            if (tries == 0) {
                LOG.warn("task at {}-{}@{} could not report its result, it runs again until it can: {}", record.topic(), record.partition(),
                        record.offset(), error.toString());
            }
            again.add(new Again(record, handler, System.nanoTime() + wait.toNanos(), tries + 1));
        });
    }

    private static TopicPartition partitionOf(ConsumerRecord<String, Decoded> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /**
     * Takes in the tasks finished since the last call and runs again those whose wait is over; returns each partition's
     * offset that moved, to commit. A task to run again whose partition was given up is dropped: its new owner runs it.
     */
    Map<TopicPartition, OffsetAndMetadata> settle() {
        for (Again a; (a = again.poll()) != null; ) {
            waiting.add(a);
        }
        long now = System.nanoTime();
        for (Iterator<Again> it = waiting.iterator(); it.hasNext(); ) {
            Again a = it.next();
            if (!offsets.running(partitionOf(a.record()), a.record().offset())) {
                it.remove();
                ended(a.record().topic());
            } else if (now - a.atNanos() >= 0) {
                it.remove();
                run(a.record(), a.handler(), a.tries());
            }
        }
        for (Done done; (done = finished.poll()) != null; ) {
            ended(done.partition().topic());
            offsets.finished(done.partition(), done.offset());
        }
        return offsets.advanced();
    }

    private void ended(String topic) {
        pending--;
        pendingByTopic.merge(topic, -1, Integer::sum);
    }

    int pending() {
        return pending;
    }

    /** Whether the topic's tasks are at the cap. */
    boolean full(String topic) {
        return pendingByTopic.getOrDefault(topic, 0) >= max;
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
