package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each scan once, whichever input asks: plans it ({@link ScanPlanner}) and launches it ({@link ScanLauncher}).
 * A scan the results topic shows running, but that this process has not launched, was planned before a restart:
 * its account tasks are published again, since the restart may have cut their list short (tasks are idempotent);
 * a scan that lists its accounts lists them again.
 */
final class ScanStarter implements ScanStarts {

    private static final Logger LOG = LoggerFactory.getLogger(ScanStarter.class);

    private final RunningScans running;
    private final ScanPlanner planner;
    private final ScanLauncher launcher;
    private final ScanPublisher publisher;
    private final CoordinatorMetrics metrics;
    private final Set<String> launched = ConcurrentHashMap.newKeySet();

    ScanStarter(RunningScans running, ScanPlanner planner, ScanLauncher launcher, ScanPublisher publisher, CoordinatorMetrics metrics) {
        this.running = running;
        this.planner = planner;
        this.launcher = launcher;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Whether the scan is running, ended, or started here already. */
    boolean known(String scanId) {
        return launched.contains(scanId) || running.ended(scanId) || running.get(scanId).isPresent();
    }

    @Override
    public boolean startOnce(ScanRequest request) throws InterruptedException {
        String id = request.scanId();
        RunningScans.Running known = running.get(id).orElse(null);
        if (running.ended(id) || !launched.add(id)) {
            return false;
        }
        if (known != null) {
            LOG.info("scan {} was planned before a restart: publishing its account tasks again", id);
            publisher.accountTasks(known.plan(), known.plan().accounts());
            if (known.plan().listing()) {
                try {
                    launcher.relist(known.plan(), planner.planAhead(request));
                } catch (RuntimeException e) {
                    LOG.warn("scan {} could not list its accounts again: {}", id, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
            return true;
        }
        try {
            int accounts = launcher.launch(request, planner.planAhead(request));
            metrics.started();
            LOG.info("scan {} ({}): {} accounts", id, request.origin(), accounts);
        } catch (RuntimeException e) {
            metrics.failedToStart();
            LOG.warn("scan {} could not start: {}", id, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return true;
    }
}
