package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts a requested scan: plans it, puts the plan on the results topic ({@link ScanEvent.ScanStarted}, the
 * scan's first event, so whoever follows the scan knows what to wait for), then one task per account. A scan
 * that cannot be planned ends at once, through {@link ScanEnding}, with an {@code error} saying why.
 */
public final class ScanLauncher {

    private final ScanPublisher publisher;
    private final ScanEnding ending;

    public ScanLauncher(ScanPublisher publisher, ScanEnding ending) {
        this.publisher = publisher;
        this.ending = ending;
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
            ending.failed(request.scanId(), String.valueOf(failure.getMessage()));
            throw failure;
        }
        publisher.event(plan);
        publisher.accountTasks(plan);
        return plan;
    }
}
