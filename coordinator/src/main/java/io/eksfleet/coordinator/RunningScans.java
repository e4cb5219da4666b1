package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The scans a coordinator follows, known from the results topic alone: a {@code ScanStarted} without its
 * {@code ScanFinished} is running, whichever coordinator started it. Replaying the topic's recent history
 * therefore rebuilds, after a restart, exactly the scans a dead predecessor left unfinished, with their
 * progress. Thread-safe: the results listener feeds it while the coordinator's ticker ends scans.
 */
final class RunningScans {

    /** A running scan: its plan, and what its events say so far. */
    record Running(ScanEvent.ScanStarted plan, ScanTracker tracker) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    /** Follows one event; returns the running scan it belongs to (not for a start or an end), if any. */
    Optional<Running> accept(ScanEvent event) {
        String id = event.scanId();
        if (event instanceof ScanEvent.ScanStarted plan) {
            if (!ended.contains(id)) {
                running.computeIfAbsent(id, k -> new Running(plan, ScanTracker.forPlan(plan)));
            }
            return Optional.empty();
        }
        if (event instanceof ScanEvent.ScanFinished) {
            ended.add(id);
            running.remove(id);
            return Optional.empty();
        }
        Running scan = running.get(id);
        if (scan != null) {
            scan.tracker().accept(event);
        }
        return Optional.ofNullable(scan);
    }

    /**
     * The scans to end now, taken out of the running ones: every task done, or past the scan's timeout. A due scan
     * that another process ends (not {@code endsHere}) is only dropped.
     */
    List<Running> due(long nowMs, Predicate<ScanEvent.ScanStarted> endsHere) {
        List<Running> due = new ArrayList<>();
        for (Running scan : List.copyOf(running.values())) {
            boolean complete = scan.tracker().completion().isDone();
            boolean late = nowMs >= scan.plan().startedAtMs() + scan.plan().timeoutMs();
            if (!complete && !late) {
                continue;
            }
            running.remove(scan.plan().scanId());
            if (endsHere.test(scan.plan()) && ended.add(scan.plan().scanId())) {
                due.add(scan);
            }
        }
        return due;
    }

    /** A scan whose end could not be published: it runs on and is due again on the next tick. */
    void reopen(Running scan) {
        ended.remove(scan.plan().scanId());
        running.putIfAbsent(scan.plan().scanId(), scan);
    }

    Optional<Running> get(String scanId) {
        return Optional.ofNullable(running.get(scanId));
    }

    /** Whether a running scan's plan matches. */
    boolean any(Predicate<ScanEvent.ScanStarted> plan) {
        return running.values().stream().anyMatch(r -> plan.test(r.plan()));
    }

    boolean ended(String scanId) {
        return ended.contains(scanId);
    }

    int size() {
        return running.size();
    }
}
