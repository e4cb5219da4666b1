package io.eksfleet.topic;

import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Every topic eksfleet uses, in one place. Partition counts bound how many worker processes a stage can
 * spread over. The three stage topics have the same count, so that partition number i of each (where
 * {@link AccountPartitioner} puts one account's tasks) can go to one worker; that count is a setting
 * ({@link TopicLayout}), {@value #STAGE_PARTITIONS} unless chosen.
 */
public final class Topics {

    /** Stage tasks and their retries: worth nothing once their scan has timed out (minutes), kept a day for inspection. */
    public static final Duration TASK_RETENTION = Duration.ofDays(1);
    /** Scan requests, results and account events: a week, for audits and {@code eksfleet status} of last week's scans. */
    public static final Duration SCAN_RETENTION = Duration.ofDays(7);
    /** Dead letters: two weeks, long enough to be looked at and replayed after a holiday. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    /** How long an inventory tombstone stays readable: a consumer offline up to a week still learns the cluster is gone. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);
    /** How long a new inventory value is left uncompacted: consumers reading within the hour see every change. */
    public static final Duration INVENTORY_COMPACTION_LAG = Duration.ofHours(1);

    /** The stage topics' partitions when nobody chooses: at most that many workers share a stage. */
    public static final int STAGE_PARTITIONS = 24;

    public static final Topic<AccountTask> ACCOUNTS = Topic.retained("eksfleet.scan.accounts", STAGE_PARTITIONS, AccountTask.class, AccountTask::accountId, TASK_RETENTION);
    public static final Topic<RegionTask> REGIONS = Topic.retained("eksfleet.scan.regions", STAGE_PARTITIONS, RegionTask.class, RegionTask::key, TASK_RETENTION);
    public static final Topic<ClusterTask> CLUSTERS = Topic.retained("eksfleet.scan.clusters", STAGE_PARTITIONS, ClusterTask.class, ClusterTask::arn, TASK_RETENTION);
    /** Scans asked of the coordinator; keyed by scan id. */
    public static final Topic<ScanRequest> REQUESTS = Topic.retained("eksfleet.scan.requests", 3, ScanRequest.class, ScanRequest::scanId, SCAN_RETENTION);
    /** New accounts to scan, as EventBridge delivers them (or eksfleet's minimal event); any key. */
    public static final Topic<JsonNode> ACCOUNT_EVENTS = Topic.retained("eksfleet.account-events", 3, JsonNode.class, null, SCAN_RETENTION);
    /** Changes to clusters of existing accounts, as EventBridge delivers EKS's CloudTrail events; any key. */
    public static final Topic<JsonNode> CLUSTER_EVENTS = Topic.retained("eksfleet.cluster-events", 3, JsonNode.class, null, SCAN_RETENTION);
    /** The cluster inventory: the latest record per cluster ARN, a tombstone once a complete scan no longer finds it. */
    public static final Topic<InventoryRecord> INVENTORY = Topic.compacted("eksfleet.clusters", 12, InventoryRecord.class, InventoryRecord::arn,
            TOMBSTONE_RETENTION, INVENTORY_COMPACTION_LAG);
    /** Keyed by scan id, so one scan's events stay in order on one partition. */
    public static final Topic<ScanEvent> RESULTS = Topic.retained("eksfleet.scan.results", 6, ScanEvent.class, ScanEvent::scanId, SCAN_RETENTION);

    private Topics() {
    }

    /** The stage topics, in pipeline order. */
    public static final List<Topic<?>> STAGES = List.of(ACCOUNTS, REGIONS, CLUSTERS);

    /** Where a stage's failed tasks wait for their next attempt (the {@code not-before} header says until when). */
    public static <V> Topic<V> retryOf(Topic<V> stage) {
        return stage.derived("-retry", TASK_RETENTION);
    }

    /**
     * Where a stage's given-up tasks and unreadable records go, as they came, with the reason in headers. As
     * many partitions as the source, so a record can keep its partition.
     */
    public static <V> Topic<V> deadLetterOf(Topic<V> stage) {
        return stage.derived("-dlt", DEAD_LETTER_RETENTION);
    }

    /** The topic of this name, or null when eksfleet has none. */
    public static Topic<?> byName(String name) {
        return BY_NAME.get(name);
    }

    public static List<Topic<?>> all() {
        return all(STAGE_PARTITIONS);
    }

    /** Every topic, the stage topics and their retry and dead-letter topics with {@code stagePartitions} partitions each. */
    public static List<Topic<?>> all(int stagePartitions) {
        List<Topic<?>> stages = STAGES.stream().<Topic<?>>map(t -> t.withPartitions(stagePartitions)).toList();
        List<Topic<?>> all = new java.util.ArrayList<>(stages);
        stages.forEach(t -> all.add(retryOf(t)));
        stages.forEach(t -> all.add(deadLetterOf(t)));
        all.add(REQUESTS);
        all.add(ACCOUNT_EVENTS);
        all.add(CLUSTER_EVENTS);
        all.add(INVENTORY);
        all.add(RESULTS);
        return List.copyOf(all);
    }

    private static final java.util.Map<String, Topic<?>> BY_NAME = all().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Topic::name, t -> t));
}
