package io.eksfleet.worker;

import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one or more topics that keeps many tasks running at once and commits only finished ones. It
 * polls on while tasks run (up to {@code maxPending} of each topic, then it pauses that topic), and per partition commits the
 * offset below which every task is finished, so a slow task holds back only its own partition's commit,
 * never the consumer. After a crash, the tasks above the committed offset run again (at-least-once; their
 * results are idempotent).
 *
 * <p>Spring Kafka's async acknowledgements would do the commit bookkeeping too, but they stop a consumer
 * until every record of its last poll is finished: one slow call stalls a whole stage.
 */
final class StageConsumer implements Runnable {

    /** How long stopping or losing partitions waits for running tasks before it commits what is finished. */
    static final long DRAIN_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StageConsumer.class);
    private static final Duration DRAIN = Duration.ofSeconds(DRAIN_SECONDS);

    private final KafkaConsumer<String, Decoded> consumer;
    private final String name;
    private final Map<String, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>>> handlers;
    private final FleetShare share;
    private final CountDownLatch joined;
    /** A group of its own that starts at the end of its partitions (a scan's own workers). */
    private final boolean startsAtEnd;
    private final RunningTasks tasks;
    private volatile boolean running = true;
    private boolean counted;
    /** How often the stage topics' partition count is looked up in the metadata: an operator may raise it. */
    private static final Duration TOTAL_CHECK_EVERY = Duration.ofSeconds(5);
    private final boolean readsStages;
    private long nextTotalCheck;

    /**
     * @param handlers per topic, what starts the task of a record
     */
    StageConsumer(KafkaConsumer<String, Decoded> consumer, Map<String, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>>> handlers,
                  int maxPending, FleetShare share, CountDownLatch joined, boolean startsAtEnd) {
        this.consumer = consumer;
        this.startsAtEnd = startsAtEnd;
        this.handlers = Map.copyOf(handlers);
        this.name = String.join(",", new TreeSet<>(handlers.keySet()));
        this.tasks = new RunningTasks(maxPending);
        this.share = share;
        this.joined = joined;
        this.readsStages = Topics.STAGES.stream().anyMatch(t -> handlers.containsKey(t.name()));
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.copyOf(handlers.keySet()), new Rebalance());
            while (running) {
                settle();
                if (System.nanoTime() - nextTotalCheck >= 0) {
                    checkTotal();
                }
                pauseFullTopics();
                // While tasks run, come back soon to commit what they finish.
                for (ConsumerRecord<String, Decoded> record : consumer.poll(Duration.ofMillis(tasks.pending() > 0 ? 20 : 200))) {
                    tasks.start(record, handlers.get(record.topic()));
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("consumer of {} stopped: {}", name, e.toString());
        } finally {
            drain(tasks.partitions());
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Pauses the partitions of each topic whose tasks are at their cap and resumes the others, so that one stage's
     * backlog never keeps the consumer from the other stages' tasks: those are what close the scan.
     */
    private void pauseFullTopics() {
        List<TopicPartition> full = new java.util.ArrayList<>();
        List<TopicPartition> open = new java.util.ArrayList<>();
        for (TopicPartition p : consumer.assignment()) {
            (tasks.full(p.topic()) ? full : open).add(p);
        }
        consumer.pause(full);
        open.retainAll(consumer.paused());
        if (!open.isEmpty()) {
            consumer.resume(open);
        }
    }

    /** Publishes this consumer's client-wide metrics, consumer lag among them (not the per-partition ones). */
    void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(ClientWideMetrics.of(consumer)).bindTo(registry);
    }

    /** Stops polling; running tasks get {@value #DRAIN_SECONDS} seconds to finish and be committed, then the group is left. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Commits each partition's offset below which every task has finished, without waiting for the broker. */
    private void settle() {
        Map<TopicPartition, OffsetAndMetadata> commits = tasks.settle();
        if (!commits.isEmpty()) {
            consumer.commitAsync(commits, (offsets, error) -> {
                if (error != null) {
                    LOG.warn("commit on {} failed, the tasks after it may run again: {}", name, error.toString());
                }
            });
        }
    }

    /** Gives the running tasks of these partitions a bounded time to finish, then commits them synchronously. */
    private void drain(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (tasks.anyRunning(partitions) && System.nanoTime() < deadline) {
            settle();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        settle();
        Map<TopicPartition, OffsetAndMetadata> commits = tasks.committable(partitions);
        try {
            if (!commits.isEmpty()) {
                consumer.commitSync(commits, Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            LOG.warn("final commit on {} failed, the unfinished tasks will run again: {}", name, e.toString());
        }
    }

    /**
     * Fixes where a new group starts before anyone is told it has joined: a position left to be resolved at the next
     * fetch would be the end after the first tasks, published meanwhile, and committing it keeps a partition that
     * moves to another member in the group from starting at the end again. A partition without a start after the
     * group's first assignment was added to its topic since (an operator raised the partitions): all its records
     * are newer than the group, and it starts at its beginning, or the tasks published there meanwhile were lost.
     */
    private void pinStart(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.copyOf(partitions), Duration.ofSeconds(30));
        List<TopicPartition> unpinned = partitions.stream().filter(p -> committed.get(p) == null).toList();
        if (counted) {
            consumer.seekToBeginning(unpinned);
        }
        Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
        for (TopicPartition p : unpinned) {
            start.put(p, new OffsetAndMetadata(consumer.position(p, Duration.ofSeconds(30))));
        }
        if (!start.isEmpty()) {
            consumer.commitSync(start, Duration.ofSeconds(30));
        }
    }

    /**
     * Tells the share the stage topics' partitions as this consumer's metadata has them (refreshed every
     * {@code metadata.max.age.ms}), when it reads the stage topics: a consumer of others would ask the broker each time.
     */
    private void checkTotal() {
        if (!readsStages) {
            return;
        }
        nextTotalCheck = System.nanoTime() + TOTAL_CHECK_EVERY.toNanos();
        int total = 0;
        try {
            for (Topic<?> stage : Topics.STAGES) {
                // Known topics are answered from the metadata at hand; an unknown one would wait for the brokers.
                int partitions = consumer.partitionsFor(stage.name(), Duration.ofSeconds(1)).size();
                if (partitions == 0) {
                    return;
                }
                total += partitions;
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return; // the brokers are away: the count is looked up again at the next check
        }
        share.total(total);
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drain(partitions);
            tasks.forget(partitions);
            share.revoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tasks.forget(partitions);
            share.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (startsAtEnd) {
                pinStart(partitions);
            }
            share.assigned(partitions);
            checkTotal();
            if (!counted) {
                counted = true;
                joined.countDown();
            }
        }
    }
}
