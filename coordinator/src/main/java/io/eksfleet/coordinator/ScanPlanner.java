package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.sso.SsoTokenCache;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides which accounts a scan covers: of every account the SSO login sees ({@code sso:ListAccounts}), or
 * in hub mode of every ACTIVE account of the organisation ({@code organizations:ListAccounts} with the
 * coordinator's own identity), those the request selects ({@link AccountSelection}). Ids, names and globs
 * asked for that match no account the login sees are reported, not scanned. A hub-mode scan of accounts named
 * only by id lists nothing.
 *
 * <p>A listing hands on each page's selected accounts as the page arrives ({@link ScanEvent.AccountsListed}), so
 * that their tasks run while the next pages are listed: Organizations answers 20 accounts a page at a few pages a
 * second, 500 pages for an organisation of 10,000. The scan starts with the first page, so a listing that cannot
 * begin (no credentials, no access) fails the scan before it starts.
 */
public final class ScanPlanner {

    /** A listing that counts its calls, by operation, into the map it is given. */
    private final Function<Map<String, Integer>, AccountListing> listings;

    public ScanPlanner(AwsClients clients, SsoTokenCache tokens) {
        this(calls -> new AccountDirectory(clients, tokens, calls));
    }

    ScanPlanner(Function<Map<String, Integer>, AccountListing> listings) {
        this.listings = listings;
    }

    /** Plans on a thread of its own, so that the caller can start what the scan needs, and publish, meanwhile. */
    public PlannedScan planAhead(ScanRequest request) {
        PlannedScan planned = new PlannedScan();
        Thread planner = new Thread(() -> {
            try {
                plan(request, planned);
            } catch (InterruptedException | RuntimeException e) {
                planned.fail(e);
            }
        }, "eksfleet-planner-" + request.scanId());
        planner.setDaemon(true);
        planner.start();
        return planned;
    }

    void plan(ScanRequest request, PlannedScan out) throws InterruptedException {
        Map<String, Integer> calls = new TreeMap<>();
        AccountSelection selection = request.selection();
        if (!request.access().usesSso() && selection.idsOnly()) {
            out.add(started(request, known(selection.named()), false));
            return;
        }
        AccountListing directory = listings.apply(calls);
        AccountSelection.Paged paged = selection.paged();
        int[] published = {0};
        AccountListing.Pages pages = page -> {
            if (published[0] == 0) {
                out.add(started(request, List.of(), true));
            }
            List<AccountRef> taken = paged.next(page);
            if (published[0] == 0 || !taken.isEmpty()) {
                out.add(new ScanEvent.AccountsListed(VersionedMessage.VERSION, request.scanId(), ++published[0], known(taken),
                        List.of(), false, usage(calls)));
            }
        };
        if (request.access().usesSso()) {
            directory.ssoAccounts(request.access().sso(), pages);
        } else {
            directory.organizationAccounts(io.eksfleet.scan.Partition.ofRegion(request.access().homeRegion())
                    .orElse(io.eksfleet.scan.Partition.AWS), pages);
        }
        if (published[0] == 0) {
            out.add(started(request, List.of(), true));
        }
        out.add(new ScanEvent.AccountsListed(VersionedMessage.VERSION, request.scanId(), ++published[0], List.of(),
                paged.unmatched(), true, usage(calls)));
    }

    /** An account named by id alone (no listing, an event without a name) is known by its id, as the inventory knows it. */
    private static List<AccountRef> known(List<AccountRef> accounts) {
        return accounts.stream().map(a -> a.name() == null ? new AccountRef(a.id(), a.id()) : a).toList();
    }

    /** The calls made since the last time asked. */
    private static CallUsage usage(Map<String, Integer> calls) {
        CallUsage usage = new CallUsage(new TreeMap<>(calls), 0, 0);
        calls.clear();
        return usage;
    }

    private static ScanEvent.ScanStarted started(ScanRequest request, List<AccountRef> accounts, boolean listing) {
        return new ScanEvent.ScanStarted(VersionedMessage.VERSION, request.scanId(), request.access(),
                request.rolePrefixes(), accounts, List.of(), request.regions(),
                request.regionMode(), System.currentTimeMillis(), request.timeoutMs(), request.accessRetryMs(), request.origin(),
                CallUsage.NONE, request.workers(), listing);
    }
}
