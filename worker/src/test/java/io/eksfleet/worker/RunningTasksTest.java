package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksfleet.topic.Decoded;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A {@link StageConsumer}'s tasks, without a broker: tasks that finish on other threads, in any order, let each
 * partition commit up to its lowest unfinished offset; a task that could not write its result runs again and holds its
 * partition until it can; the consumer pauses when full.
 */
class RunningTasksTest {

    static final String TOPIC = "eksfleet.scan.clusters";
    static final TopicPartition SLOW = new TopicPartition(TOPIC, 0);
    static final TopicPartition FAST = new TopicPartition(TOPIC, 1);

    /** Each started task's future, by partition and offset, for the test to finish when it likes. */
    final Map<TopicPartition, Map<Long, CompletableFuture<Void>>> started = Map.of(SLOW, new java.util.HashMap<>(),
            FAST, new java.util.HashMap<>());
    final Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>> handler = record -> {
        CompletableFuture<Void> task = new CompletableFuture<>();
        started.get(new TopicPartition(record.topic(), record.partition())).put(record.offset(), task);
        return task;
    };

    static ConsumerRecord<String, Decoded> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", null);
    }

    /** Finishes the tasks on a thread of their own, as an SDK response thread would, and waits for that thread. */
    void finishElsewhere(TopicPartition partition, long... offsets) throws InterruptedException {
        Thread thread = new Thread(() -> {
            for (long offset : offsets) {
                started.get(partition).get(offset).complete(null);
            }
        });
        thread.start();
        thread.join();
    }

    @Test
    void eachPartitionCommitsBelowItsLowestUnfinishedTask() throws Exception {
        RunningTasks tasks = new RunningTasks(100);
        for (long offset = 10; offset < 13; offset++) {
            tasks.start(record(SLOW, offset), handler);
            tasks.start(record(FAST, offset), handler);
        }
        assertThat(tasks.settle()).as("nothing finished: each partition stays at its first task")
                .isEqualTo(Map.of(FAST, new OffsetAndMetadata(10), SLOW, new OffsetAndMetadata(10)));

        finishElsewhere(SLOW, 12, 11);
        finishElsewhere(FAST, 10, 11, 12);

        assertThat(tasks.settle()).as("10 still runs on the slow partition: it stays where it was")
                .isEqualTo(Map.of(FAST, new OffsetAndMetadata(13)));
        assertThat(tasks.pending()).isEqualTo(1);
        assertThat(tasks.anyRunning(List.of(SLOW))).isTrue();
        assertThat(tasks.anyRunning(List.of(FAST))).isFalse();

        finishElsewhere(SLOW, 10);
        assertThat(tasks.settle()).as("the slow task let its partition go").isEqualTo(Map.of(SLOW, new OffsetAndMetadata(13)));
        assertThat(tasks.pending()).isZero();
    }

    @Test
    void aTaskThatCouldNotWriteItsResultRunsAgainAndHoldsItsPartitionUntilItCan() {
        RunningTasks tasks = new RunningTasks(100);
        AtomicInteger runs = new AtomicInteger();
        tasks.start(record(FAST, 0), r -> runs.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): 120000 ms has passed since batch creation"))
                : CompletableFuture.completedFuture(null));
        tasks.start(record(FAST, 1), r -> CompletableFuture.completedFuture(null));

        assertThat(tasks.settle()).as("the task that could not report holds the partition at its offset")
                .isEqualTo(Map.of(FAST, new OffsetAndMetadata(0)));
        assertThat(tasks.pending()).isEqualTo(1);

        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            committed.putAll(tasks.settle());
            return tasks.pending() == 0;
        });
        assertThat(runs).hasValue(3);
        assertThat(committed).isEqualTo(Map.of(FAST, new OffsetAndMetadata(2)));
    }

    @Test
    void aTaskWaitingToRunAgainIsDroppedWithItsPartitionForItsNewOwnerRunsIt() {
        RunningTasks tasks = new RunningTasks(100);
        AtomicInteger runs = new AtomicInteger();
        tasks.start(record(SLOW, 4), r -> {
            runs.incrementAndGet();
            throw new IllegalStateException("Kafka unreachable");
        });
        tasks.settle();
        tasks.forget(List.of(SLOW));

        assertThat(tasks.settle()).isEmpty();
        assertThat(tasks.pending()).isZero();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aTopicIsFullAtItsLimitUntilATaskFinishesAndTheOtherTopicsAreNot() throws Exception {
        RunningTasks tasks = new RunningTasks(2);
        tasks.start(record(FAST, 0), handler);
        assertThat(tasks.full(TOPIC)).isFalse();
        tasks.start(record(FAST, 1), handler);
        assertThat(tasks.full(TOPIC)).isTrue();
        assertThat(tasks.full("eksfleet.scan.regions")).as("another stage's tasks still start").isFalse();

        finishElsewhere(FAST, 1);
        assertThat(tasks.full(TOPIC)).as("finished, but not settled yet").isTrue();
        tasks.settle();
        assertThat(tasks.full(TOPIC)).isFalse();
    }

    @Test
    void aGivenUpPartitionCommitsWhatIsFinishedAndATaskThatFinishesAfterItIsForgottenCommitsNothing() throws Exception {
        RunningTasks tasks = new RunningTasks(100);
        tasks.start(record(SLOW, 5), handler);
        tasks.start(record(SLOW, 6), handler);
        tasks.start(record(FAST, 0), handler);
        finishElsewhere(SLOW, 5);
        tasks.settle();
        assertThat(tasks.committable(List.of(SLOW))).isEqualTo(Map.of(SLOW, new OffsetAndMetadata(6)));

        tasks.forget(List.of(SLOW));
        finishElsewhere(SLOW, 6);

        assertThat(tasks.settle()).isEmpty();
        assertThat(tasks.partitions()).containsExactly(FAST);
        assertThat(tasks.pending()).as("the forgotten task no longer counts against the limit").isEqualTo(1);
    }
}
