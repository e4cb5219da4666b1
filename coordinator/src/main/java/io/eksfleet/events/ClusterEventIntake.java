package io.eksfleet.events;

import io.eksfleet.coordinator.CoordinatorMetrics;
import io.eksfleet.coordinator.Intake;
import io.eksfleet.coordinator.InventoryView;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.topic.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of {@code eksfleet.cluster-events}: a cluster that changed sends a look at its account and region
 * (a scan of that one region, with credentials, budgets, retries and dead letters as in any scan; its complete
 * listing tombstones a deleted cluster), then {@link FollowUps} while it is still changing. Calls AWS refused, and
 * regions a look may not go to ({@link EventRegions}), are counted and skipped.
 */
final class ClusterEventIntake implements Intake {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventIntake.class);

    private final ClusterEventScans looks;
    private final FollowUps followUps;
    private final EventRegions regions;
    private final InventoryView inventory;
    private final CoordinatorMetrics metrics;

    ClusterEventIntake(ClusterEventScans looks, FollowUps followUps, EventRegions regions, InventoryView inventory,
                       CoordinatorMetrics metrics) {
        this.looks = looks;
        this.followUps = followUps;
        this.regions = regions;
        this.inventory = inventory;
        this.metrics = metrics;
    }

    @Override
    public void serve(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        ClusterEvent event = ClusterEvents.parse(Decoded.of(record.value()));
        String outcome;
        String refusal = event instanceof ClusterEvent.Changed c ? regions.refusal(c.accountId(), c.region()) : null;
        if (refusal != null) {
            outcome = "refused-region";
            LOG.warn("cluster event at {}@{}:{} refused: {}", record.topic(), record.partition(), record.offset(), refusal);
        } else if (event instanceof ClusterEvent.Changed changed) {
            ScanRequest request = looks.request(changed, inventory.accountName(changed.accountId()), 0);
            boolean first = followUps.first(request, changed, record.timestamp());
            outcome = first ? "accepted" : "duplicate";
            LOG.info("cluster event {} of {} in {} {}: {}", changed.eventName(), changed.clusterName(), changed.accountId(),
                    changed.region(), first ? "looking again: scan " + request.scanId() : "already seen: skipped");
        } else if (event instanceof ClusterEvent.Failed failed) {
            outcome = "failed";
            LOG.info("cluster event {} refused by AWS ({}): nothing changed", failed.eventName(), failed.errorCode());
        } else {
            outcome = "unreadable";
            EventSources.warnUnlessLogged(record, ((ClusterEvent.Unreadable) event).reason());
        }
        metrics.clusterEvent(event.eventName(), outcome);
    }
}
