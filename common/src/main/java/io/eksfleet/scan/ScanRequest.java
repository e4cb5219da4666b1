package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A scan asked of the coordinator, on {@code eksfleet.scan.requests} (key: scan id).
 *
 * @param access where credentials come from, and the role; its role is null when {@code rolePrefixes} choose it
 * @param accounts accounts named by id; with {@code accountPatterns} empty too, every account the login sees (SSO)
 *     or every active account of the organisation ({@code organizations:ListAccounts}, hub mode)
 * @param accountPatterns names or globs ({@code payments-*}) of accounts to scan, matched against name and id
 * @param excludeAccounts ids, names or globs of accounts never scanned, whatever else selects them
 * @param timeoutMs after this the coordinator ends the scan with a partial result
 * @param accessRetryMs how long an account whose role answers AccessDenied is tried again before it is
 *     dead-lettered (a new account's role takes minutes to become assumable); 0 for no such retries
 * @param origin who asked: {@code cli}, or the event that started it
 * @param workers the id of the one process whose own workers run the scan's tasks (a scan with in-process workers),
 *     or null for the fleet's workers
 */
public record ScanRequest(int v, String scanId, @JsonUnwrapped Access access, List<String> rolePrefixes,
                          List<AccountRef> accounts, List<String> accountPatterns, List<String> excludeAccounts, List<String> regions, String regionMode, long timeoutMs,
                          long accessRetryMs, String origin, String workers) implements VersionedMessage {

    /** The longest a scan may run, or retry an account's access: a week, the retention of the requests. */
    public static final java.time.Duration LONGEST = java.time.Duration.ofDays(7);

    public ScanRequest {
        rolePrefixes = rolePrefixes == null ? List.of() : List.copyOf(rolePrefixes);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        accountPatterns = accountPatterns == null ? List.of() : List.copyOf(accountPatterns);
        excludeAccounts = excludeAccounts == null ? List.of() : List.copyOf(excludeAccounts);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /** Which accounts the request covers, out of those the login sees. */
    public AccountSelection selection() {
        return new AccountSelection(accounts, accountPatterns, excludeAccounts);
    }

    /** The first required field that is missing or wrong, or null when the request can be planned. */
    public String problem() {
        // A request built without an access lacks what one read without sso or hub lacks.
        String missing = StageTask.firstMissing("scanId", scanId, "origin", origin, "sso", access);
        if (missing != null) {
            return "missing " + missing;
        }
        String problem = access.problem(rolePrefixes);
        if (problem != null) {
            return problem;
        }
        if (accessRetryMs < 0 || accessRetryMs > LONGEST.toMillis()) {
            return "accessRetryMs must be between 0 and " + LONGEST.toMillis();
        }
        if (timeoutMs <= 0 || timeoutMs > LONGEST.toMillis()) {
            return "timeoutMs must be between 1 and " + LONGEST.toMillis();
        }
        java.util.Optional<Partition> partition = Partition.ofRegion(access.homeRegion());
        if (partition.isEmpty()) {
            return "'" + Printable.of(access.homeRegion()) + "' (the login's or the hub's region) is not a region of a partition eksfleet scans ("
                    + Partition.ids() + ")";
        }
        return regions.stream().filter(r -> Partition.ofRegion(r).filter(partition.get()::equals).isEmpty()).findFirst()
                .map(r -> "regions: '" + Printable.of(r) + "' is not a region of the " + partition.get() + " partition, where "
                        + access.homeRegion() + " is: one scan covers one partition").orElse(null);
    }
}
