package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.SsoSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Accounts listed a page at a time, as AWS pages them; one page can be held back until released, or fail. */
final class PagedListing implements AccountListing {

    private final List<List<AccountRef>> pages;
    private final int holdBefore;
    private final int failAt;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Map<String, Integer> calls;
    /** Which listings ran. */
    final List<String> listed = new CopyOnWriteArrayList<>();
    /** The pages listed so far. */
    final AtomicInteger served = new AtomicInteger();

    /**
     * @param holdBefore the index of the page that waits for {@link #release()}; -1 for none
     * @param failAt the index of the page whose call fails; -1 for none
     */
    PagedListing(List<List<AccountRef>> pages, int holdBefore, int failAt) {
        this.pages = pages;
        this.holdBefore = holdBefore;
        this.failAt = failAt;
    }

    PagedListing(List<List<AccountRef>> pages) {
        this(pages, -1, -1);
    }

    ScanPlanner planner() {
        return new ScanPlanner(counted -> {
            calls = counted;
            return this;
        });
    }

    void release() {
        released.countDown();
    }

    @Override
    public void ssoAccounts(SsoSource sso, Pages out) throws InterruptedException {
        list("sso " + sso.startUrl(), "sso:ListAccounts", out);
    }

    @Override
    public void organizationAccounts(io.eksfleet.scan.Partition partition, Pages out) throws InterruptedException {
        list("organization", "organizations:ListAccounts", out);
    }

    private void list(String what, String operation, Pages out) throws InterruptedException {
        listed.add(what);
        for (int i = 0; i < pages.size(); i++) {
            if (i == holdBefore) {
                released.await();
            }
            calls.merge(operation, 1, Integer::sum);
            if (i == failAt) {
                throw new ScanException("could not list the organisation's accounts: TooManyRequestsException");
            }
            served.incrementAndGet();
            out.page(pages.get(i));
        }
    }
}
