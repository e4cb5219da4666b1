package io.eksfleet.cli.deadletters;

import io.eksfleet.coordinator.ResultsListener;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanTracker;
import io.eksfleet.topic.KafkaClients;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows replayed tasks to their end: listens to the results topic, publishes, and waits until every
 * tracker sees its tasks closed, or the timeout passes.
 */
final class ReplayFollower {

    private final KafkaClients kafka;

    ReplayFollower(KafkaClients kafka) {
        this.kafka = kafka;
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
}
