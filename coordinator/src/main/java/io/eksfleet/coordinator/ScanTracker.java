package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Follows one scan's events to completion. Every planned task has a key; an event closes its task's key
 * and plans its children's. The scan is complete when no planned key is open. Events are idempotent: a
 * task reported twice (a redelivery after a crash or rebalance) counts once, and children may be reported
 * before their parent, since they travel on other partitions. A scan that lists its accounts as it runs
 * ({@link ScanEvent.ScanStarted#listing()}) plans them page by page, and is not complete before the last page.
 */
public final class ScanTracker {

    /** Counts of one stage: planned tasks and closed ones. */
    public record StageProgress(int planned, int done) {
    }

    private final String scanId;
    /** Every key planned or closed so far, held flat: a scan of 10,000 accounts has 200,000 of them. */
    private final TaskStates keys = new TaskStates();
    private final Map<Stage, int[]> progress = new java.util.EnumMap<>(Stage.class);
    private final Map<String, ClusterRecord> clusters = new LinkedHashMap<>();
    private final List<ScanEvent.TaskFailed> failures = new ArrayList<>();
    private final List<ScanEvent.AccountSkipped> skipped = new ArrayList<>();
    private final Map<String, ScanEvent.AccountScanned> accounts = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<ScanEvent.TaskRetried> retries = new ArrayList<>();
    private int throttled;
    private int callRetries;
    private final CompletableFuture<Void> complete = new CompletableFuture<>();
    private final List<String> notVisible = new ArrayList<>();
    private int open;
    /** Whether accounts may still be planned: the scan's listing has not returned its last page. */
    private boolean listing;

    /** A scan's tracker, from its start: one task per account, those of the plan and those its listing pages add. */
    public static ScanTracker forPlan(ScanEvent.ScanStarted plan) {
        return new ScanTracker(plan.scanId(), accountTasks(plan.accounts().stream().map(AccountRef::id).toList()),
                plan.listing(), plan.notVisible());
    }

    /** The tracker of a scan of these accounts, all known up front. */
    public static ScanTracker forAccounts(String scanId, List<String> accountIds) {
        return new ScanTracker(scanId, accountTasks(accountIds), false, List.of());
    }

    /** A tracker that starts from tasks of any stage, as a replay of dead letters does. */
    public ScanTracker(String scanId, java.util.Collection<PlannedTask> tasks) {
        this(scanId, tasks, false, List.of());
    }

    private ScanTracker(String scanId, java.util.Collection<PlannedTask> tasks, boolean listing, List<String> notVisible) {
        this.scanId = scanId;
        this.listing = listing;
        this.notVisible.addAll(notVisible);
        for (Stage stage : Stage.values()) {
            progress.put(stage, new int[2]);
        }
        tasks.forEach(t -> plan(t.stage(), t.key()));
        checkComplete();
    }

    private static List<PlannedTask> accountTasks(List<String> accountIds) {
        return accountIds.stream().map(id -> new PlannedTask(Stage.ACCOUNTS, Stage.ACCOUNTS.taskKey(id, null, null))).toList();
    }

    /** A task the tracker waits for. */
    public record PlannedTask(Stage stage, String key) {
    }

    public synchronized void accept(ScanEvent event) {
        if (!scanId.equals(event.scanId()) || event instanceof ScanEvent.ScanStarted || event instanceof ScanEvent.ScanFinished) {
            return;
        }
        if (event instanceof ScanEvent.AccountsListed page) {
            // A page listed twice (a coordinator that restarted lists again) plans nothing new.
            page.accounts().forEach(a -> plan(Stage.ACCOUNTS, Stage.ACCOUNTS.taskKey(a.id(), null, null)));
            if (page.last() && listing) {
                listing = false;
                notVisible.addAll(page.notVisible());
            }
            checkComplete();
            return;
        }
        if (event instanceof ScanEvent.TaskRetried retried) {
            // Not a closing event: the task is open until its retry reports; counted once per attempt.
            if ((keys.add(retried.taskKey(), TaskStates.CLOSED) & TaskStates.CLOSED) == 0) {
                retries.add(retried);
                count(retried);
            }
            return;
        }
        int before = keys.add(event.taskKey(), TaskStates.CLOSED);
        if ((before & TaskStates.CLOSED) != 0) {
            return;
        }
        Stage stage = stageOf(event);
        progress.get(stage)[1]++;
        if ((before & TaskStates.PLANNED) != 0) {
            open--;
        }
        count(event);
        if (event instanceof ScanEvent.AccountScanned a) {
            accounts.put(a.accountId(), a);
            a.regions().forEach(r -> plan(Stage.REGIONS, Stage.REGIONS.taskKey(a.accountId(), r, null)));
        } else if (event instanceof ScanEvent.AccountSkipped s) {
            skipped.add(s);
        } else if (event instanceof ScanEvent.RegionScanned r) {
            keys.add(r.taskKey(), TaskStates.LISTED);
            r.clusters().forEach(c -> plan(Stage.CLUSTERS, Stage.CLUSTERS.taskKey(r.accountId(), r.region(), c)));
        } else if (event instanceof ScanEvent.ClusterFound f) {
            clusters.put(f.cluster().arn(), f.cluster());
        } else if (event instanceof ScanEvent.TaskFailed f) {
            failures.add(f);
        }
        checkComplete();
    }

    private void count(ScanEvent event) {
        event.usage().calls().forEach((op, n) -> calls.merge(op, n, Integer::sum));
        throttled += event.usage().throttled();
        callRetries += event.usage().retried();
    }

    public CompletableFuture<Void> completion() {
        return complete;
    }

    public synchronized Map<Stage, StageProgress> progress() {
        Map<Stage, StageProgress> out = new java.util.EnumMap<>(Stage.class);
        progress.forEach((stage, n) -> out.put(stage, new StageProgress(n[0], n[1])));
        return out;
    }

    /** What the scan found so far; a consistent copy. */
    public synchronized ScanOutcome outcome(boolean timedOut) {
        return new ScanOutcome(scanId, List.copyOf(accounts.values()), List.copyOf(skipped), keys.listed(),
                List.copyOf(clusters.values()), List.copyOf(failures), List.copyOf(retries), new TreeMap<>(calls), throttled,
                callRetries, progress(), List.copyOf(notVisible), timedOut);
    }

    private void plan(Stage stage, String key) {
        int before = keys.add(key, TaskStates.PLANNED);
        if ((before & TaskStates.PLANNED) == 0) {
            progress.get(stage)[0]++;
            if ((before & TaskStates.CLOSED) == 0) {
                open++;
            }
        }
    }

    private void checkComplete() {
        if (open == 0 && !listing) {
            complete.complete(null);
        }
    }

    private static Stage stageOf(ScanEvent event) {
        if (event instanceof ScanEvent.TaskFailed f) {
            return f.stage();
        }
        if (event instanceof ScanEvent.RegionScanned) {
            return Stage.REGIONS;
        }
        return event instanceof ScanEvent.ClusterFound ? Stage.CLUSTERS : Stage.ACCOUNTS;
    }
}
