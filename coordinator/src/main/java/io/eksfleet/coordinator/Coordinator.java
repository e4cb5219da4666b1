package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.Stage;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Runs a planned scan over Kafka: listens to the results topic, publishes one task per account, and waits
 * until the tracker sees every planned task closed, or the scan timeout passes (a partial result).
 */
public final class Coordinator {

    private final Map<String, Object> kafka;

    public Coordinator(Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /**
     * @param progress called about once a second with each stage's planned and done counts
     */
    public ScanOutcome run(ScanPlan plan, Duration timeout, Consumer<Map<Stage, ScanTracker.StageProgress>> progress)
            throws InterruptedException {
        List<AccountTask> tasks = plan.tasks();
        ScanTracker tracker = ScanTracker.forAccounts(plan.scanId(), tasks.stream().map(AccountTask::accountId).toList());
        return follow(Map.of(plan.scanId(), tracker), () -> publish(tasks), timeout,
                () -> progress.accept(tracker.progress())).get(plan.scanId());
    }

    /** Work that puts tasks on Kafka. */
    interface Publisher {
        void publish() throws InterruptedException;
    }

    /**
     * Listens to the results topic, then publishes, then waits until every tracker is complete or the
     * timeout passes; returns each scan's outcome.
     */
    Map<String, ScanOutcome> follow(Map<String, ScanTracker> trackers, Publisher publisher, Duration timeout, Runnable everySecond)
            throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eksfleet-progress");
            t.setDaemon(true);
            return t;
        });
        try (ResultsListener results = new ResultsListener(kafka, event -> {
            ScanTracker tracker = trackers.get(event.scanId());
            if (tracker != null) {
                tracker.accept(event);
            }
        })) {
            publisher.publish();
            ticker.scheduleAtFixedRate(everySecond, 1, 1, TimeUnit.SECONDS);
            boolean timedOut = false;
            try {
                CompletableFuture.allOf(trackers.values().stream().map(ScanTracker::completion).toArray(CompletableFuture[]::new))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            everySecond.run();
            Map<String, ScanOutcome> outcomes = new java.util.LinkedHashMap<>();
            boolean late = timedOut;
            trackers.forEach((scanId, tracker) -> outcomes.put(scanId, tracker.outcome(late && !tracker.completion().isDone())));
            return outcomes;
        } finally {
            ticker.shutdownNow();
        }
    }

    private void publish(List<AccountTask> tasks) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>(Messages.MAPPER);
        values.setAddTypeInfo(false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            List<Future<RecordMetadata>> sent = tasks.stream()
                    .map(t -> producer.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), t.accountId(), (Object) t)))
                    .toList();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish the account tasks: " + e.getCause().getMessage());
        }
    }
}
