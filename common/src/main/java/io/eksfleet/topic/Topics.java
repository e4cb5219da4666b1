package io.eksfleet.topic;

import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import java.util.List;

/**
 * Every topic eksfleet uses, in one place. Partition counts bound how many worker processes a stage can
 * spread over; the later stages fan out, so they get more.
 */
public final class Topics {

    public static final Topic<AccountTask> ACCOUNTS = new Topic<>("eksfleet.scan.accounts", 12, AccountTask.class);
    public static final Topic<RegionTask> REGIONS = new Topic<>("eksfleet.scan.regions", 24, RegionTask.class);
    public static final Topic<ClusterTask> CLUSTERS = new Topic<>("eksfleet.scan.clusters", 24, ClusterTask.class);
    /** Keyed by scan id, so one scan's events stay in order on one partition. */
    public static final Topic<ScanEvent> RESULTS = new Topic<>("eksfleet.scan.results", 6, ScanEvent.class);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(ACCOUNTS, REGIONS, CLUSTERS, RESULTS);
    }
}
