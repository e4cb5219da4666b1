package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.RecordDeserializer;
import io.eksfleet.topic.TaskHeaders;
import io.eksfleet.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the runner does with each way a task attempt ends: nothing more on success; to the retry topic with the next
 * attempt's headers and a TaskRetried event while the failure is worth another try; to the dead letters, as it came,
 * with the reason and a TaskFailed event once it is not; unreadable records to the dead letters without an event.
 */
class StageRunnerTest {

    static final String REGIONS = Topics.REGIONS.name();

    /** Every record the runner hands to Kafka, in order. */
    final List<ProducerRecord<String, byte[]>> sent = new CopyOnWriteArrayList<>();
    final Outputs outputs = new Outputs(record -> {
        sent.add(record);
        return CompletableFuture.completedFuture(null);
    }, Runnable::run);

    StageRunner<RegionTask> runner(BiFunction<RegionTask, TaskContext, CompletableFuture<Void>> stage, String workers) {
        return new StageRunner<>(Topics.REGIONS, stage, RetryPolicyTest.POLICY, outputs, workers);
    }

    StageRunner<RegionTask> failingWith(Throwable error) {
        return runner((task, context) -> {
            context.called("ListClusters");
            return CompletableFuture.failedFuture(error);
        }, null);
    }

    /** The task as a consumer polls it: its topic's bytes read by the worker's own deserialiser. */
    static ConsumerRecord<String, Decoded> polled(RegionTask task, int attempt) {
        ProducerRecord<String, byte[]> written = Topics.REGIONS.record(task);
        ConsumerRecord<String, Decoded> record = new ConsumerRecord<>(REGIONS, 3, 42, written.key(),
                new RecordDeserializer().deserialize(REGIONS, written.value()));
        if (attempt > 0) {
            TaskHeaders.put(record.headers(), TaskHeaders.ATTEMPT, attempt);
        }
        return record;
    }

    static ConsumerRecord<String, Decoded> polledBytes(byte[] value) {
        return new ConsumerRecord<>(REGIONS, 3, 42, "111111111111/us-east-1",
                value == null ? null : new RecordDeserializer().deserialize(REGIONS, value));
    }

    static String header(ProducerRecord<String, byte[]> record, String name) {
        return TaskHeaders.get(record.headers(), name);
    }

    static ScanEvent event(ProducerRecord<String, byte[]> record) {
        assertThat(record.topic()).isEqualTo(Topics.RESULTS.name());
        Decoded decoded = new RecordDeserializer().deserialize(record.topic(), record.value());
        assertThat(decoded.isPoison()).as("%s", decoded.poison()).isFalse();
        return decoded.as(ScanEvent.class);
    }

    @Test
    void aSucceededTaskSendsNothingMore() {
        runner((task, context) -> CompletableFuture.completedFuture(null), null).run(polled(RetryPolicyTest.region(), 0)).join();

        assertThat(sent).isEmpty();
    }

    @Test
    void aThrottledAttemptGoesToTheRetryTopicAsItCameWithTheNextAttemptsHeaders() {
        ConsumerRecord<String, Decoded> record = polled(RetryPolicyTest.region(), 1);
        long before = System.currentTimeMillis();

        failingWith(RetryPolicyTest.aws(429, "TooManyRequestsException")).run(record).join();
        long after = System.currentTimeMillis();

        assertThat(sent).hasSize(2);
        ProducerRecord<String, byte[]> retry = sent.get(0);
        assertThat(retry.topic()).isEqualTo(REGIONS + "-retry");
        assertThat(retry.key()).isEqualTo(record.key());
        assertThat(retry.value()).isEqualTo(record.value().raw());
        assertThat(header(retry, TaskHeaders.ATTEMPT)).isEqualTo("2");
        assertThat(header(retry, TaskHeaders.ERROR_CODE)).isEqualTo("TooManyRequestsException");
        long notBefore = Long.parseLong(header(retry, TaskHeaders.NOT_BEFORE));
        long second = RetryPolicyTest.POLICY.backoff().toMillis() * 2;
        assertThat(notBefore).as("attempt 2 waits twice the backoff, half either way")
                .isBetween(before + second / 2, after + second * 3 / 2);
        assertThat(event(sent.get(1))).isInstanceOfSatisfying(ScanEvent.TaskRetried.class, e -> {
            assertThat(e.attempt()).isEqualTo(2);
            assertThat(e.errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(e.usage().calls()).isEqualTo(Map.of("ListClusters", 1));
        });
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceWithItsReasonAndTheScanIsTold() {
        ConsumerRecord<String, Decoded> record = polled(RetryPolicyTest.region(), 0);

        failingWith(RetryPolicyTest.aws(403, "AccessDeniedException")).run(record).join();

        assertThat(sent).hasSize(2);
        ProducerRecord<String, byte[]> dead = sent.get(0);
        assertThat(dead.topic()).isEqualTo(REGIONS + "-dlt");
        assertThat(dead.value()).isEqualTo(record.value().raw());
        assertThat(header(dead, TaskHeaders.ERROR_CODE)).isEqualTo("AccessDeniedException");
        assertThat(header(dead, TaskHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(dead, TaskHeaders.SOURCE_TOPIC)).isEqualTo(REGIONS);
        assertThat(header(dead, TaskHeaders.SCAN_ID)).isEqualTo("scan");
        assertThat(header(dead, TaskHeaders.FAILED_AT)).isNotNull();
        assertThat(event(sent.get(1))).isInstanceOfSatisfying(ScanEvent.TaskFailed.class, e -> {
            assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.region()).isEqualTo("us-east-1");
        });
    }

    @Test
    void aTransientFailureOutOfRetriesIsDeadLettered() {
        int last = RetryPolicyTest.POLICY.retries();

        failingWith(RetryPolicyTest.aws(503, "ServiceUnavailableException")).run(polled(RetryPolicyTest.region(), last)).join();

        assertThat(sent.get(0).topic()).isEqualTo(REGIONS + "-dlt");
        assertThat(header(sent.get(0), TaskHeaders.ATTEMPTS)).isEqualTo(String.valueOf(last + 1));
        assertThat(event(sent.get(1))).isInstanceOfSatisfying(ScanEvent.TaskFailed.class,
                e -> assertThat(e.attempts()).isEqualTo(last + 1));
    }

    @Test
    void aStageThatThrowsOrOutlivesTheTaskTimeoutFailsItsAttemptLikeAnyOther() {
        runner((task, context) -> {
            throw new IllegalStateException("bug");
        }, null).run(polled(RetryPolicyTest.region(), 0)).join();
        assertThat(sent.get(0).topic()).as("a bug is not worth another try").isEqualTo(REGIONS + "-dlt");
        assertThat(header(sent.get(0), TaskHeaders.ERROR_CODE)).isEqualTo("IllegalStateException");

        sent.clear();
        StageRunner<RegionTask> hangs = new StageRunner<>(Topics.REGIONS, (task, context) -> new CompletableFuture<>(),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMillis(50)), outputs, null);
        hangs.run(polled(RetryPolicyTest.region(), 0)).join();
        assertThat(sent.get(0).topic()).as("a timeout is transient").isEqualTo(REGIONS + "-retry");
        assertThat(header(sent.get(0), TaskHeaders.ERROR_CODE)).isEqualTo("TimeoutException");
    }

    @Test
    void unreadableRecordsAreDeadLetteredAsTheyCameWithoutAnEvent() {
        StageRunner<RegionTask> runner = runner((task, context) -> {
            throw new AssertionError("no task to run");
        }, null);
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        runner.run(polledBytes(garbage)).join();
        runner.run(polledBytes(null)).join();

        assertThat(sent).extracting(ProducerRecord::topic).containsExactly(REGIONS + "-dlt", REGIONS + "-dlt");
        assertThat(sent.get(0).value()).isEqualTo(garbage);
        assertThat(header(sent.get(0), TaskHeaders.ERROR_CODE)).isEqualTo("PoisonRecord");
        assertThat(header(sent.get(0), TaskHeaders.ERROR_MESSAGE)).startsWith("not JSON");
        assertThat(header(sent.get(0), TaskHeaders.SCAN_ID)).as("nobody's scan").isNull();
        assertThat(sent.get(1).value()).isEmpty();
        assertThat(header(sent.get(1), TaskHeaders.ERROR_MESSAGE)).isEqualTo("empty record");
    }

    @Test
    void anotherProcesssOwnTaskIsLeftToItsWorkers() {
        RegionTask theirs = new RegionTask(1, "scan", "111111111111", "acct", Access.viaSso(RetryPolicyTest.SSO, "ReadOnly"), "us-east-1",
                "other-process");

        runner((task, context) -> {
            throw new AssertionError("not this runner's task");
        }, null).run(polled(theirs, 0)).join();
        runner((task, context) -> CompletableFuture.failedFuture(RetryPolicyTest.aws(429, "Throttling")), "this-process")
                .run(polled(theirs, 0)).join();

        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedSendFailsTheRunSoTheConsumerKnows() {
        Outputs broken = new Outputs(record -> CompletableFuture.failedFuture(new IllegalStateException("broker gone")), Runnable::run);
        StageRunner<RegionTask> runner = new StageRunner<>(Topics.REGIONS,
                (task, context) -> CompletableFuture.failedFuture(RetryPolicyTest.aws(429, "Throttling")), RetryPolicyTest.POLICY,
                broken, null);

        assertThatThrownBy(() -> runner.run(polled(RetryPolicyTest.region(), 0)).join()).hasRootCauseMessage("broker gone");
    }
}
