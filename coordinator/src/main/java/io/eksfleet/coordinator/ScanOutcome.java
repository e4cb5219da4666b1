package io.eksfleet.coordinator;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.Stage;
import java.util.List;
import java.util.Map;

/**
 * Everything a scan produced: accounts scanned and skipped, the account/region pairs listed completely,
 * the clusters found, the dead-lettered tasks, the task retries, the AWS calls by operation with the
 * throttling answers and in-task call retries, the accounts asked for that the login does not see, and whether
 * the scan timed out.
 */
public record ScanOutcome(String scanId, List<ScanEvent.AccountScanned> accounts, List<ScanEvent.AccountSkipped> skipped,
                          ListedRegions scannedRegions, List<ClusterRecord> clusters, List<ScanEvent.TaskFailed> failures,
                          List<ScanEvent.TaskRetried> retries, Map<String, Integer> calls, int throttled, int callRetries,
                          Map<Stage, ScanTracker.StageProgress> progress, List<String> notVisible, boolean timedOut) {

    /** Complete, completed with failures or timed out; accounts asked for but not visible are failures. */
    public ScanStatus status() {
        if (timedOut) {
            return ScanStatus.TIMEOUT;
        }
        return failures.isEmpty() && skipped.isEmpty() && notVisible.isEmpty() ? ScanStatus.COMPLETE : ScanStatus.COMPLETED_WITH_FAILURES;
    }

    /** The scan's last event on the results topic, with the figures a reader of the topic wants without replaying it. */
    public ScanEvent.ScanFinished finished() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        progress.forEach((stage, p) -> {
            counts.put(stage.name().toLowerCase() + "Planned", p.planned());
            counts.put(stage.name().toLowerCase() + "Done", p.done());
        });
        counts.put("clustersFound", clusters.size());
        counts.put("failed", failures.size());
        counts.put("skipped", skipped.size());
        counts.put("notVisible", notVisible.size());
        counts.put("throttled", throttled);
        counts.put("callRetries", callRetries);
        counts.put("taskRetries", retries.size());
        return new ScanEvent.ScanFinished(io.eksfleet.scan.VersionedMessage.VERSION, scanId, status(), null, counts,
                System.currentTimeMillis(), io.eksfleet.scan.CallUsage.NONE);
    }

    /** True when the account/region pair was listed completely, so what it lacks is really gone. */
    public boolean regionComplete(String accountId, String region) {
        return scannedRegions.contains(accountId, region);
    }
}
