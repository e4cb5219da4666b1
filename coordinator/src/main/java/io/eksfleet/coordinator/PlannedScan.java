package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scan as its planner makes it, handed to whoever publishes it: the start, then (for a scan that lists its
 * accounts) each page of accounts as the listing returns it, the last page closing the listing. A listing that
 * fails ends the steps with its failure. The planner runs ahead of the publisher; pages wait here in between.
 */
public final class PlannedScan {

    private record Failed(Exception cause) {
    }

    private final BlockingQueue<Object> steps = new LinkedBlockingQueue<>();

    void add(ScanEvent step) {
        steps.add(step);
    }

    void fail(Exception cause) {
        steps.add(new Failed(cause));
    }

    /** The scan's start, once the planner has it. */
    public ScanEvent.ScanStarted started() throws InterruptedException {
        return next(ScanEvent.ScanStarted.class);
    }

    /** The next page of a listing scan's accounts ({@link ScanEvent.ScanStarted#listing()}), once the listing returns it. */
    public ScanEvent.AccountsListed nextPage() throws InterruptedException {
        return next(ScanEvent.AccountsListed.class);
    }

    /** @throws RuntimeException the planner's failure, as it failed */
    private <T> T next(Class<T> type) throws InterruptedException {
        Object step = steps.take();
        if (step instanceof Failed failed) {
            // Kept for whoever asks next: a failure ends every step after it.
            steps.add(failed);
            if (failed.cause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw failed.cause() instanceof RuntimeException r ? r : new IllegalStateException(failed.cause());
        }
        return type.cast(step);
    }
}
