package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.ResultsListener;
import io.eksfleet.coordinator.ScanException;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanTracker;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.Stage;
import io.eksfleet.topic.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one scan on the results topic, wherever its coordinator and workers run: the plan
 * ({@link ScanEvent.ScanStarted}), then every task's event, into a {@link ScanTracker}. The scan is over when
 * every planned task is closed, when the coordinator says it is finished, or when the plan's timeout passes;
 * so a coordinator restarting mid-scan changes nothing here. A scan the coordinator ends with an error (its
 * listing failed part way) ends here with that error, never with what it found so far.
 */
public final class ScanFollower implements AutoCloseable {

    private final String scanId;
    private final CompletableFuture<ScanEvent.ScanStarted> started = new CompletableFuture<>();
    private final CompletableFuture<ScanEvent.ScanFinished> finished = new CompletableFuture<>();
    private final ResultsListener listener;
    private volatile ScanTracker tracker;

    /** Starts listening at the current end of the topic: create it before the scan is asked for. */
    public ScanFollower(KafkaClients kafka, String scanId) {
        this(kafka, scanId, null);
    }

    /** Replays the scan's events written since {@code from}, then follows new ones. */
    public ScanFollower(KafkaClients kafka, String scanId, Instant from) {
        this.scanId = scanId;
        this.listener = new ResultsListener(kafka, from, this::accept);
    }

    private void accept(ScanEvent event) {
        if (!scanId.equals(event.scanId())) {
            return;
        }
        if (event instanceof ScanEvent.ScanStarted s && tracker == null) {
            tracker = ScanTracker.forPlan(s);
            started.complete(s);
        } else if (event instanceof ScanEvent.ScanFinished f) {
            finished.complete(f);
        } else if (tracker != null) {
            tracker.accept(event);
        }
    }

    /**
     * @throws ScanException when the coordinator could not plan the scan, or nobody answered within {@code timeout}
     */
    ScanEvent.ScanStarted awaitStarted(Duration timeout, String nobodyAnswered) throws InterruptedException {
        try {
            CompletableFuture.anyOf(started, finished).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ScanException(nobodyAnswered);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        ScanEvent.ScanFinished early = finished.getNow(null);
        if (!started.isDone() && early != null) {
            throw new ScanException(early.error() != null ? early.error() : "scan " + scanId + " ended: " + early.status());
        }
        return started.join();
    }

    /** Waits for the end of a started scan; {@code report} shows progress meanwhile, every {@code interval} and at the end. */
    ScanOutcome awaitOutcome(Duration interval, Runnable report) throws InterruptedException {
        ScanEvent.ScanStarted plan = started.join();
        long deadline = plan.startedAtMs() + plan.timeoutMs();
        CompletableFuture<?> end = CompletableFuture.anyOf(tracker.completion(), finished);
        while (!end.isDone()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            try {
                end.get(Math.min(left, interval.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                report.run();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        report.run();
        ScanEvent.ScanFinished last = finished.getNow(null);
        if (last != null && last.status() == ScanStatus.ERROR) {
            // A listing that failed part way: what the scan found so far is not the organisation's.
            throw new ScanException(last.error() != null ? last.error() : "scan " + scanId + " ended: " + last.status());
        }
        boolean timedOut = last != null ? last.status() == ScanStatus.TIMEOUT : !tracker.completion().isDone();
        return tracker.outcome(timedOut);
    }

    /** Each stage's planned and done tasks so far (empty before the plan arrived). */
    public Map<Stage, ScanTracker.StageProgress> progress() {
        ScanTracker t = tracker;
        return t == null ? Map.of() : t.progress();
    }

    /** The coordinator's last word on the scan, if it has spoken. */
    public ScanEvent.ScanFinished finishedOrNull() {
        return finished.getNow(null);
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return listener.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        listener.close();
    }
}
