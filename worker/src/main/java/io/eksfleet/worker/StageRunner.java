package io.eksfleet.worker;

import io.eksfleet.topic.Decoded;
import io.eksfleet.resilience.Failures;

import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.StageTask;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.TaskHeaders;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs one stage's tasks and decides what happens to a failed one. A record that cannot be read (not
 * JSON, an unknown version, a missing field) goes to the dead-letter topic with the reason, and the
 * consumer goes on. A failed attempt that is worth retrying goes to the retry topic, to run again after
 * an exponential, jittered backoff, without holding up the stage topic; one that is not, or that is out
 * of attempts, goes to the dead-letter topic, and a {@link ScanEvent.TaskFailed} tells the scan.
 */
final class StageRunner<T extends StageTask> {

    private final Topic<T> topic;
    private final BiFunction<T, TaskContext, CompletableFuture<Void>> stage;
    private final RetryPolicy retry;
    private final Outputs outputs;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    /**
     * @param workers the tasks this runner runs: those of the fleet (null), or those of one process's own workers
     */
    StageRunner(Topic<T> topic, BiFunction<T, TaskContext, CompletableFuture<Void>> stage, RetryPolicy retry, Outputs outputs,
                String workers) {
        this.workers = workers;
        this.topic = topic;
        this.stage = stage;
        this.retry = retry;
        this.outputs = outputs;
    }

    private final String workers;

    Topic<T> topic() {
        return topic;
    }

    /** Task attempts by outcome: {@code done}, {@code retried} (sent to the retry topic), {@code dead-lettered}. */
    void bindMetrics(MeterRegistry registry, String worker) {
        String stage = topic.name().substring(topic.name().lastIndexOf('.') + 1);
        Map.of("done", succeeded, "retried", retried, "dead-lettered", deadLettered).forEach((outcome, count) ->
                FunctionCounter.builder("eksfleet.worker.tasks", count, AtomicLong::get).tag("stage", stage)
                        .tag("outcome", outcome).tag("worker", worker)
                        .description("Task attempts by stage and outcome").register(registry));
    }

    CompletableFuture<Void> run(ConsumerRecord<String, Decoded> record) {
        Decoded value = Decoded.of(record.value());
        if (value.isPoison() || value.isTombstone()) {
            return deadLetter(record, null, "PoisonRecord", value.isTombstone() ? "empty record" : value.poison(), 0);
        }
        T task = value.as(topic.valueType());
        if (!Objects.equals(task.workers(), workers)) {
            return CompletableFuture.completedFuture(null); // another process's own workers run it
        }
        int attempt = TaskHeaders.getInt(record.headers(), TaskHeaders.ATTEMPT, 0);
        TaskContext context = new TaskContext();
        CompletableFuture<Void> done;
        try {
            done = stage.apply(task, context);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.orTimeout(retry.taskTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error == null) {
                        succeeded.incrementAndGet();
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return failed(record, task, attempt, context, error);
                })
                .thenCompose(next -> next);
    }

    private CompletableFuture<Void> failed(ConsumerRecord<String, Decoded> record, T task, int attempt, TaskContext context,
                                           Throwable error) {
        String code = Failures.code(error);
        String message = Failures.message(error);
        long now = System.currentTimeMillis();
        boolean awaitingAccess = retry.awaitingAccess(task, error, now);
        if (retry.retries(task, error, attempt, now)) {
            int next = attempt + 1;
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(TaskHeaders.ATTEMPT, next);
            long delay = (awaitingAccess ? retry.accessDelayBefore(next, ((AccountTask) task).accessRetryUntilMs(), now)
                    : retry.delayBefore(next)).toMillis();
            headers.put(TaskHeaders.NOT_BEFORE, now + delay);
            headers.put(TaskHeaders.ERROR_CODE, code);
            retried.incrementAndGet();
            return outputs.forward(Topics.retryOf(topic).name(), record.key(), raw(record), record.headers(), headers)
                    .thenCompose(sent -> outputs.event(new ScanEvent.TaskRetried(VersionedMessage.VERSION, task.scanId(),
                            task.stage(), task.accountId(), task.regionOrNull(), task.clusterOrNull(), next, code, message,
                            context.usage())));
        }
        return deadLetter(record, task.scanId(), code, message, attempt + 1)
                .thenCompose(sent -> outputs.event(new ScanEvent.TaskFailed(VersionedMessage.VERSION, task.scanId(), task.stage(),
                        task.accountId(), task.regionOrNull(), task.clusterOrNull(), code, message, attempt + 1, context.usage())));
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, Decoded> record, String scanId, String code, String message,
                                               int attempts) {
        deadLettered.incrementAndGet();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(TaskHeaders.ERROR_CODE, code);
        headers.put(TaskHeaders.ERROR_MESSAGE, message);
        headers.put(TaskHeaders.ATTEMPTS, attempts);
        headers.put(TaskHeaders.SOURCE_TOPIC, topic.name());
        headers.put(TaskHeaders.FAILED_AT, Instant.now());
        if (scanId != null) {
            headers.put(TaskHeaders.SCAN_ID, scanId);
        }
        return outputs.forward(Topics.deadLetterOf(topic).name(), record.key(), raw(record), record.headers(), headers);
    }

    /** The record's bytes as they came, to forward them unchanged (an empty array for a tombstone). */
    private static byte[] raw(ConsumerRecord<String, Decoded> record) {
        byte[] raw = Decoded.of(record.value()).raw();
        return raw == null ? new byte[0] : raw;
    }
}
