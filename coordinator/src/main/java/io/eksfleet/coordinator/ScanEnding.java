package io.eksfleet.coordinator;

import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.VersionedMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a scan ends: its {@link ScanEvent.ScanFinished} (complete, completed with failures or timed out)
 * once every task is closed or its timeout has passed, or {@code error} when it could not start.
 *
 * <p>Which scans a process ends follows from who runs their tasks, the plan's {@code workers}: the fleet's
 * coordinator ends the scans of the fleet's workers, a command whose own workers run a scan ends that scan. So
 * each scan has one ender, and a coordinator that also follows a command's scan only writes its inventory.
 */
public final class ScanEnding {

    /** Told of every scan ended here, after its end is on the results topic. */
    public interface Listener {
        void ended(ScanEvent.ScanStarted plan, ScanOutcome outcome, ScanEvent.ScanFinished finished);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScanEnding.class);

    private final ScanSink sink;
    private final boolean fleet;
    private final String workers;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private ScanEnding(ScanSink sink, boolean fleet, String workers) {
        this.sink = sink;
        this.fleet = fleet;
        this.workers = workers;
    }

    /** The fleet coordinator's: it ends the scans the fleet's workers run. */
    public static ScanEnding ofFleet(ScanSink sink) {
        return new ScanEnding(sink, true, null);
    }

    /**
     * A command's: it ends the scans its own workers run.
     *
     * @param workers the id of those workers ({@link io.eksfleet.scan.ScanRequest#workers()}); null when the
     *     command has none, and then it ends no scan
     */
    public static ScanEnding ofOwnWorkers(ScanSink sink, String workers) {
        return new ScanEnding(sink, false, workers);
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** Whether this process ends the scan of {@code plan}. */
    public boolean ends(ScanEvent.ScanStarted plan) {
        return fleet ? plan.workers() == null : workers != null && workers.equals(plan.workers());
    }

    /**
     * Ends the running scans that are due, timed out unless every task is closed; the others that are due are
     * dropped. A scan whose end could not be written runs on, and is due again on the next call.
     */
    void endDue(RunningScans running, long nowMs) {
        for (RunningScans.Running scan : running.due(nowMs, this::ends)) {
            try {
                end(scan.plan(), scan.tracker().outcome(!scan.tracker().completion().isDone()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                running.reopen(scan);
                LOG.warn("could not end scan {}: {}", scan.plan().scanId(), e.getMessage());
            }
        }
    }

    /**
     * Writes the end of a scan this process ends, then tells the listeners; a scan another process ends is left
     * alone (null).
     */
    public ScanEvent.ScanFinished end(ScanEvent.ScanStarted plan, ScanOutcome outcome) throws InterruptedException {
        if (!ends(plan)) {
            return null;
        }
        ScanEvent.ScanFinished finished = outcome.finished();
        sink.event(finished);
        // The end is written: a listener that fails must not reopen the scan, which would end it twice.
        for (Listener listener : listeners) {
            try {
                listener.ended(plan, outcome, finished);
            } catch (RuntimeException e) {
                LOG.warn("after scan {} ended: {}", plan.scanId(), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return finished;
    }

    /** Ends a scan that could not start (a bad request, a plan that failed), saying why in one line. */
    public void failed(String scanId, String error) throws InterruptedException {
        String line = String.valueOf(error).lines().findFirst().orElse("");
        sink.event(new ScanEvent.ScanFinished(VersionedMessage.VERSION, Objects.requireNonNull(scanId), ScanStatus.ERROR, line, Map.of(),
                System.currentTimeMillis(), CallUsage.NONE));
    }
}
