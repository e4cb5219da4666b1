package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;

/**
 * Starts a requested scan: puts its start on the results topic ({@link ScanEvent.ScanStarted}, the scan's first
 * event, so whoever follows the scan knows what to wait for), then one task per account, page by page as the
 * listing returns them, each page's {@link ScanEvent.AccountsListed} before its tasks. A scan that cannot be
 * planned, or whose listing fails part way, ends at once through {@link ScanEnding} with an {@code error} saying
 * why: a scan never completes with part of its accounts.
 */
public final class ScanLauncher {

    private final ScanSink publisher;
    private final ScanEnding ending;

    public ScanLauncher(ScanSink publisher, ScanEnding ending) {
        this.publisher = publisher;
        this.ending = ending;
    }

    /**
     * Publishes the plan and the account tasks as the planner makes them ({@link ScanPlanner#planAhead}); returns
     * the number of accounts once the last page is published. A plan that failed is published as the scan's end and thrown.
     */
    public int launch(ScanRequest request, PlannedScan planned) throws InterruptedException {
        ScanEvent.ScanStarted plan;
        try {
            plan = planned.started();
        } catch (RuntimeException e) {
            ending.failed(request.scanId(), String.valueOf(e.getMessage()));
            throw e;
        }
        publisher.event(plan);
        publisher.accountTasks(plan, plan.accounts());
        return plan.accounts().size() + publishPages(plan, planned);
    }

    /**
     * Publishes the pages of a listing scan started before (by a coordinator that restarted since), listed again: tasks and
     * pages are idempotent, so what the first listing published counts once.
     */
    void relist(ScanEvent.ScanStarted plan, PlannedScan planned) throws InterruptedException {
        try {
            planned.started();
        } catch (RuntimeException e) {
            ending.failed(plan.scanId(), String.valueOf(e.getMessage()));
            throw e;
        }
        publishPages(plan, planned);
    }

    /** The number of accounts published. */
    private int publishPages(ScanEvent.ScanStarted plan, PlannedScan planned) throws InterruptedException {
        int pages = 0;
        int accounts = 0;
        while (plan.listing()) {
            ScanEvent.AccountsListed page;
            try {
                page = planned.nextPage();
            } catch (RuntimeException e) {
                String line = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                ending.failed(plan.scanId(), line + " (the listing stopped after " + pages + " of its pages, " + accounts
                        + " accounts: the scan ends incomplete; scan again)");
                throw e;
            }
            publisher.event(page);
            publisher.accountTasks(plan, page.accounts());
            pages++;
            accounts += page.accounts().size();
            if (page.last()) {
                break;
            }
        }
        return accounts;
    }
}
