package io.eksfleet.coordinator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.VersionedMessage;
import java.util.Map;

/**
 * Starts a requested scan: plans it, puts the plan on the results topic ({@link ScanEvent.ScanStarted}, the
 * scan's first event, so whoever follows the scan knows what to wait for), then one task per account. A scan
 * that cannot be planned ends at once with a {@code error} {@link ScanEvent.ScanFinished} saying why.
 */
public final class ScanLauncher {

    /**
     * The origin of scans whose own process follows and ends them ({@code eksfleet scan} with workers in the
     * process): a coordinator that also sees them writes their inventory but leaves the ending to them.
     */
    public static final String IN_PROCESS = "cli-in-process";

    private final ScanPublisher publisher;

    public ScanLauncher(ScanPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes the plan and the account tasks once the plan is made ({@link ScanPlanner#planAhead}); a plan
     * that failed is published as the scan's end and thrown.
     */
    public ScanEvent.ScanStarted launch(ScanRequest request, CompletableFuture<ScanEvent.ScanStarted> planned)
            throws InterruptedException {
        ScanEvent.ScanStarted plan;
        try {
            plan = planned.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            RuntimeException failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            publisher.event(failed(request.scanId(), String.valueOf(failure.getMessage()).lines().findFirst().orElse("")));
            throw failure;
        }
        publisher.event(plan);
        publisher.accountTasks(plan);
        return plan;
    }

    static ScanEvent.ScanFinished failed(String scanId, String error) {
        return new ScanEvent.ScanFinished(VersionedMessage.VERSION, scanId, ScanStatus.ERROR, error, Map.of(), System.currentTimeMillis(),
                CallUsage.NONE);
    }
}
