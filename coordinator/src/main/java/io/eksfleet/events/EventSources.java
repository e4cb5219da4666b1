package io.eksfleet.events;

import io.eksfleet.coordinator.CoordinatorMetrics;
import io.eksfleet.coordinator.Intake;
import io.eksfleet.coordinator.InventoryView;
import io.eksfleet.coordinator.ScanEnding;
import io.eksfleet.coordinator.ScanStarts;
import io.eksfleet.scan.Partition;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.Topics;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's event inputs, in hub mode: account events (a new account is scanned) and cluster events (a
 * changed cluster's account and region are looked at again, and again while it changes). Each is an
 * {@link Intake} of its topic; a new event source is one more here.
 */
public final class EventSources {

    private static final Logger LOG = LoggerFactory.getLogger(EventSources.class);

    private final EventRegions regions;
    private final FollowUps followUps;
    private final Map<String, Intake> intakes;

    /**
     * @param scope the hub and role events' scans use
     * @param ticker where follow-up looks wait for their time
     * @param ending tells the follow-up looks when a look ended
     */
    public EventSources(AccountEventScans scope, ScanStarts starts, InventoryView inventory, CoordinatorMetrics metrics,
                        ScheduledExecutorService ticker, ScanEnding ending) {
        regions = new EventRegions(Partition.ofRegion(scope.access().homeRegion()).orElse(Partition.AWS));
        ClusterEventScans looks = new ClusterEventScans(scope);
        followUps = new FollowUps(looks, starts, inventory, metrics, (delayMs, task) -> ticker.schedule(task, delayMs, TimeUnit.MILLISECONDS));
        ending.listen(followUps);
        intakes = Map.of(Topics.ACCOUNT_EVENTS.name(), new AccountEventIntake(scope, starts, metrics),
                Topics.CLUSTER_EVENTS.name(), new ClusterEventIntake(looks, followUps, regions, inventory, metrics));
    }

    /** The intakes, by the topic each takes. */
    public Map<String, Intake> intakes() {
        return intakes;
    }

    /** Learns from a running scan's event (which regions an account has enabled). */
    public void seen(ScanEvent.ScanStarted plan, ScanEvent event) {
        regions.seen(plan, event);
    }

    /** After a start: the follow-up looks a predecessor had planned, from the inventory. */
    public void resume(long startedMs) {
        followUps.resume(startedMs);
    }

    /** Says why an event was skipped, unless it broke its topic's contract: then that was logged as it was read. */
    static void warnUnlessLogged(ConsumerRecord<String, Decoded> record, String reason) {
        if (!Decoded.of(record.value()).isPoison()) {
            LOG.warn("event at {}@{}:{} skipped: {}", record.topic(), record.partition(), record.offset(), reason);
        }
    }
}
