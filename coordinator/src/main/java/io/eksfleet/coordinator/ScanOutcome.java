package io.eksfleet.coordinator;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a scan produced: accounts scanned and skipped, the account/region pairs listed completely,
 * the clusters found, the dead-lettered tasks, the task retries, the AWS calls by operation with the
 * throttling answers and in-task call retries, and whether the scan timed out.
 */
public record ScanOutcome(String scanId, List<ScanEvent.AccountScanned> accounts, List<ScanEvent.AccountSkipped> skipped,
                          Set<String> scannedRegions, List<ClusterRecord> clusters, List<ScanEvent.TaskFailed> failures,
                          List<ScanEvent.TaskRetried> retries, Map<String, Integer> calls, int throttled, int callRetries,
                          Map<Stage, ScanTracker.StageProgress> progress, boolean timedOut) {

    /** True when the account/region pair was listed completely, so what it lacks is really gone. */
    public boolean regionComplete(String accountId, String region) {
        return scannedRegions.contains(accountId + "/" + region);
    }
}
