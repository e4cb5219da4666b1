package io.eksfleet.events;

import io.eksfleet.scan.Partition;
import io.eksfleet.scan.ScanEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which regions an event may send a look to: a region of the partition the coordinator's hub is in (its credentials
 * and endpoints are that partition's), and, where a scan of the account's enabled regions has been seen, one of those. A region an account has not enabled answers every call
 * with {@code UnrecognizedClientException}: a look there would only fill the dead letters.
 */
public final class EventRegions {

    private final Map<String, Set<String>> enabledByAccount = new ConcurrentHashMap<>();
    private final Partition partition;

    public EventRegions(Partition partition) {
        this.partition = partition;
    }

    /** Learns an account's enabled regions from a scan that asked for them ({@code --regions enabled}). */
    public void seen(ScanEvent.ScanStarted plan, ScanEvent event) {
        if (event instanceof ScanEvent.AccountScanned scanned && plan.regions().isEmpty() && "enabled".equals(plan.regionMode())) {
            // 10,000 accounts name the same 17 regions: one String of each, not one per account.
            enabledByAccount.put(scanned.accountId(), Set.copyOf(scanned.regions().stream().map(String::intern).toList()));
        }
    }

    /** Why an event's look may not go to {@code region} of {@code accountId}, or null when it may. */
    public String refusal(String accountId, String region) {
        if (Partition.ofRegion(region).filter(partition::equals).isEmpty()) {
            return "'" + region + "' is not a region of the " + partition + " partition, the hub's";
        }
        Set<String> enabled = enabledByAccount.get(accountId);
        if (enabled != null && !enabled.contains(region)) {
            return region + " is not enabled in account " + accountId + " (its last scan found " + enabled.size() + " enabled regions)";
        }
        return null;
    }
}
