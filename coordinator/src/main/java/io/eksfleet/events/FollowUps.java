package io.eksfleet.events;

import io.eksfleet.coordinator.CoordinatorMetrics;
import io.eksfleet.coordinator.InventoryView;
import io.eksfleet.coordinator.ScanEnding;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanStarts;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The looks of a cluster event: the first, then, while a cluster it saw is still changing (EKS sends no event when
 * it settles), looks again at its account and region, further and further apart, for at most
 * {@link #FOLLOW_CHANGES_FOR}. The looks a predecessor had planned die with it: a coordinator that starts resumes
 * them from the inventory.
 */
final class FollowUps implements ScanEnding.Listener {

    /** Runs a task later; the coordinator's ticker, or a list in a test. */
    interface Later {
        void after(long delayMs, Runnable task);
    }

    /**
     * A cluster event's look: which round it is, when the first began, and when the event reached Kafka (-1 for
     * a look resumed after a restart).
     */
    private record FollowUp(ClusterEvent.Changed event, int round, long firstMs, long publishedMs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);
    /** Cluster states that end by themselves, without an event saying so. */
    static final Set<String> TRANSITIONAL = Set.of("CREATING", "UPDATING", "DELETING", "PENDING");
    /** How long clusters of an event are followed while they change: EKS takes up to about 20 minutes. */
    static final Duration FOLLOW_CHANGES_FOR = Duration.ofMinutes(30);

    private final ClusterEventScans looks;
    private final ScanStarts starts;
    private final InventoryView inventory;
    private final CoordinatorMetrics metrics;
    private final Later later;
    private final Map<String, FollowUp> byScan = new ConcurrentHashMap<>();

    FollowUps(ClusterEventScans looks, ScanStarts starts, InventoryView inventory, CoordinatorMetrics metrics, Later later) {
        this.looks = looks;
        this.starts = starts;
        this.inventory = inventory;
        this.metrics = metrics;
        this.later = later;
    }

    /** The event's first look; false when the event was seen before. */
    boolean first(ScanRequest request, ClusterEvent.Changed event, long publishedMs) throws InterruptedException {
        // Known before the scan starts: a look that ends quickly must still find what to do next.
        FollowUp followUp = new FollowUp(event, 0, System.currentTimeMillis(), publishedMs);
        boolean noted = byScan.putIfAbsent(request.scanId(), followUp) == null;
        boolean first = starts.startOnce(request);
        if (!first && noted) {
            byScan.remove(request.scanId(), followUp);
        }
        return first;
    }

    /**
     * The clusters an event's look last saw still changing, less than {@link #FOLLOW_CHANGES_FOR} before
     * {@code nowMs}, are looked at again: one look per account and region.
     */
    void resume(long nowMs) {
        Map<String, InventoryRecord> byRegion = new LinkedHashMap<>();
        inventory.records().stream().filter(r -> InventoryRecord.BY_EVENT.equals(r.lastSeenBy()) && TRANSITIONAL.contains(r.status())
                        && r.lastSeenAt() != null && r.lastSeenAt().toEpochMilli() > nowMs - FOLLOW_CHANGES_FOR.toMillis())
                .forEach(r -> byRegion.putIfAbsent(r.accountId() + "/" + r.region(), r));
        for (InventoryRecord r : byRegion.values()) {
            ClusterEvent.Changed resumed = new ClusterEvent.Changed("Resumed", "resumed/" + r.accountId() + "/" + r.region() + "/" + nowMs,
                    r.accountId(), r.region(), r.name());
            lookAgain(new FollowUp(resumed, 1, r.lastSeenAt().toEpochMilli(), -1), 0);
            LOG.info("cluster {} was still {} when last seen: looking at {} {} again", r.name(), r.status(), r.accountId(), r.region());
        }
    }

    @Override
    public void ended(ScanEvent.ScanStarted plan, ScanOutcome outcome, ScanEvent.ScanFinished finished) {
        FollowUp followUp = byScan.remove(plan.scanId());
        if (followUp == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (followUp.round() == 0 && followUp.publishedMs() >= 0) {
            metrics.clusterEventApplied(Duration.ofMillis(Math.max(0, now - followUp.publishedMs())));
        }
        boolean changing = outcome.clusters().stream().anyMatch(c -> TRANSITIONAL.contains(c.status()));
        if (!changing || now - followUp.firstMs() > FOLLOW_CHANGES_FOR.toMillis()) {
            return;
        }
        // 5 s, 10 s, 20 s... at most a minute apart.
        long delay = Math.min(Duration.ofMinutes(1).toMillis(), Duration.ofSeconds(5).toMillis() << Math.min(followUp.round(), 4));
        lookAgain(new FollowUp(followUp.event(), followUp.round() + 1, followUp.firstMs(), followUp.publishedMs()), delay);
    }

    private void lookAgain(FollowUp next, long delayMs) {
        later.after(delayMs, () -> {
            ScanRequest request = looks.request(next.event(), inventory.accountName(next.event().accountId()), next.round());
            byScan.put(request.scanId(), next);
            try {
                starts.startOnce(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
