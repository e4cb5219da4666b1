package io.eksfleet.coordinator;

import io.eksfleet.events.AccountEventScans;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Reconcile scans on a schedule: a full scan of the configured scope (every ACTIVE account of the organisation,
 * in hub mode) once per period, a little later than that by a jitter that is the same for a given round, so that
 * fleets started together spread out. Never two at once: a round that falls due while the last one runs is
 * skipped. Where the schedule stands (the last round's start) is read from the results topic, so a restarted
 * coordinator keeps it.
 */
final class ReconcileSchedule {

    /** The jitter: up to this fraction of the period. */
    private static final double JITTER = 0.1;

    private final Duration every;
    private final AccountEventScans scope;
    private volatile long lastStartMs = -1;

    ReconcileSchedule(Duration every, AccountEventScans scope) {
        this.every = every;
        this.scope = scope;
    }

    Duration every() {
        return every;
    }

    /** Takes in where the schedule stands from a scan's start, replayed or new. */
    void seen(ScanEvent.ScanStarted plan) {
        if (ScanOrigin.of(plan.origin()) == ScanOrigin.SCHEDULE) {
            lastStartMs = Math.max(lastStartMs, plan.startedAtMs());
        }
    }

    /**
     * When the next round is due: a period after the last round started (plus that round's jitter); the first
     * round a jitter after {@code startMs}.
     */
    long dueMs(long startMs) {
        long last = lastStartMs;
        long base = last < 0 ? startMs : last + every.toMillis();
        return base + jitterMs(base);
    }

    /** The same jitter for the same round, whichever coordinator computes it. */
    private long jitterMs(long base) {
        long span = Math.max(1, (long) (every.toMillis() * JITTER));
        return Math.floorMod(UUID.nameUUIDFromBytes(Long.toString(base).getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits(), span);
    }

    /** Marks the round due at {@code dueMs} as taken (started, or skipped because the last one still runs). */
    void taken(long dueMs) {
        lastStartMs = Math.max(lastStartMs, dueMs);
    }

    /** The round's scan: its id comes from the time it was due, so that one round is one scan however often it is asked. */
    ScanRequest request(long dueMs) {
        String scanId = UUID.nameUUIDFromBytes(("schedule/" + dueMs).getBytes(StandardCharsets.UTF_8)).toString();
        // A round may run up to the next one; the next waits for it anyway.
        return new ScanRequest(VersionedMessage.VERSION, scanId, scope.access(), List.of(), List.of(), List.of(),
                List.of(), scope.regions(), scope.regionMode(), every.toMillis(), 0, ScanOrigin.SCHEDULE.label(), null);
    }
}
