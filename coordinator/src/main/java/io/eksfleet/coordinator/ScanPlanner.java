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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Decides which accounts a scan covers: of every account the SSO login sees ({@code sso:ListAccounts}), or
 * in hub mode of every ACTIVE account of the organisation ({@code organizations:ListAccounts} with the
 * coordinator's own identity), those the request selects ({@link AccountSelection}). Ids, names and globs
 * asked for that match no account the login sees are reported, not scanned. A hub-mode scan of accounts named
 * only by id lists nothing.
 */
public final class ScanPlanner {

    /** A listing that counts its calls, by operation, into the map it is given: each plan reports its own. */
    private final Function<Map<String, Integer>, AccountListing> listings;

    public ScanPlanner(AwsClients clients, SsoTokenCache tokens) {
        this(calls -> new AccountDirectory(clients, tokens, calls));
    }

    ScanPlanner(Function<Map<String, Integer>, AccountListing> listings) {
        this.listings = listings;
    }

    /** Plans on a thread of its own, so that the caller can start what the scan needs meanwhile. */
    public CompletableFuture<ScanEvent.ScanStarted> planAhead(ScanRequest request) {
        CompletableFuture<ScanEvent.ScanStarted> planned = new CompletableFuture<>();
        Thread planner = new Thread(() -> {
            try {
                planned.complete(plan(request));
            } catch (InterruptedException | RuntimeException e) {
                planned.completeExceptionally(e);
            }
        }, "eksfleet-planner-" + request.scanId());
        planner.setDaemon(true);
        planner.start();
        return planned;
    }

    ScanEvent.ScanStarted plan(ScanRequest request) throws InterruptedException {
        Map<String, Integer> calls = new TreeMap<>();
        AccountListing directory = listings.apply(calls);
        AccountSelection selection = request.selection();
        List<AccountRef> accounts;
        List<String> notVisible;
        if (!request.access().usesSso() && selection.idsOnly()) {
            accounts = selection.named();
            notVisible = List.of();
        } else {
            AccountSelection.Selected selected = selection.select(!request.access().usesSso()
                    ? directory.organizationAccounts() : directory.ssoAccounts(request.access().sso()));
            accounts = selected.accounts();
            notVisible = selected.unmatched();
        }
        // An account named by id alone (no listing, an event without a name) is known by its id, as the inventory knows it.
        accounts = accounts.stream().map(a -> a.name() == null ? new AccountRef(a.id(), a.id()) : a).toList();
        return new ScanEvent.ScanStarted(VersionedMessage.VERSION, request.scanId(), request.access(),
                request.rolePrefixes(), accounts, notVisible, request.regions(),
                request.regionMode(), System.currentTimeMillis(), request.timeoutMs(), request.accessRetryMs(), request.origin(),
                new CallUsage(calls, 0, 0), request.workers());
    }
}
