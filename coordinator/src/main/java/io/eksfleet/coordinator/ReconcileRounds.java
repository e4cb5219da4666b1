package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for each reconcile round as it falls due ({@link ReconcileSchedule}), on the requests topic like any scan,
 * so that it is planned once, by the coordinator that owns the requests; unless the last round still runs: then
 * the round is skipped.
 */
final class ReconcileRounds {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileRounds.class);

    private final ReconcileSchedule schedule;
    private final RunningScans running;
    private final ScanSink sink;
    private volatile long startedMs;

    ReconcileRounds(ReconcileSchedule schedule, RunningScans running, ScanSink sink) {
        this.schedule = schedule;
        this.running = running;
        this.sink = sink;
    }

    /** How far back the results topic is replayed on start: far enough to find the last round. */
    Duration replay(Duration atLeast) {
        return schedule.every().compareTo(atLeast) > 0 ? schedule.every() : atLeast;
    }

    /** Takes in where the schedule stands from a scan's start, replayed or new. */
    void seen(ScanEvent event) {
        if (event instanceof ScanEvent.ScanStarted plan) {
            schedule.seen(plan);
        }
    }

    /** The first round is due a jitter after this. */
    void started(long nowMs) {
        startedMs = nowMs;
    }

    /** Asks for the round that is due at {@code nowMs}, if one is. */
    void tick(long nowMs) {
        long due = schedule.dueMs(startedMs);
        if (nowMs < due) {
            return;
        }
        schedule.taken(due);
        if (running.any(plan -> ScanOrigin.of(plan.origin()) == ScanOrigin.SCHEDULE)) {
            LOG.info("reconcile round due at {} skipped: the last one still runs", Instant.ofEpochMilli(due));
            return;
        }
        try {
            ScanRequest request = schedule.request(due);
            sink.request(request);
            LOG.info("reconcile round due at {}: scan {}", Instant.ofEpochMilli(due), request.scanId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not ask for the reconcile round due at {}: {}", Instant.ofEpochMilli(due), e.getMessage());
        }
    }
}
