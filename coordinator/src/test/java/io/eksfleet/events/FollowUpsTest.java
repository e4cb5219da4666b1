package io.eksfleet.events;

import io.eksfleet.scan.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.coordinator.CoordinatorMetrics;
import io.eksfleet.coordinator.InventoryView;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanTracker;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The looks again at a cluster that is still changing, and their resumption after a restart. */
class FollowUpsTest {

    static final HubSource HUB = new HubSource(null, "us-east-1");
    static final AccountEventScans SCOPE = new AccountEventScans(Access.viaHub(HUB, "EksFleetReader"), List.of(), "enabled",
            Duration.ofMinutes(15), Duration.ofMinutes(20));
    static final ClusterEventScans LOOKS = new ClusterEventScans(SCOPE);

    /** Looks waiting for their time, with their delay. */
    record Waiting(long delayMs, Runnable task) {
    }

    final List<InventoryRecord> inventory = new ArrayList<>();
    final List<ScanRequest> started = new ArrayList<>();
    final List<Waiting> later = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final FollowUps followUps = new FollowUps(LOOKS, request -> started.add(request), new InventoryView() {
        @Override
        public String accountName(String accountId) {
            return "acct-" + accountId;
        }

        @Override
        public Collection<InventoryRecord> records() {
            return inventory;
        }
    }, new CoordinatorMetrics(registry, () -> 0, () -> 0), (delayMs, task) -> later.add(new Waiting(delayMs, task)));

    static ClusterRecord cluster(String account, String region, String name, String status) {
        return new ClusterRecord("arn:aws:eks:" + region + ":" + account + ":cluster/" + name, name, account, "acct-" + account,
                "EksFleetReader", region, null, null, "1.31", null, status, Map.of(), null);
    }

    void seen(String account, String region, String name, String status, String by, Duration ago, Instant now) {
        inventory.add(InventoryRecord.of(cluster(account, region, name, status), Access.viaHub(HUB, null), "s", now.minus(ago), List.of(), by));
    }

    static ScanOutcome saw(String scanId, ClusterRecord... clusters) {
        ScanTracker tracker = new ScanTracker(scanId, List.of());
        for (ClusterRecord c : clusters) {
            tracker.accept(new ScanEvent.ClusterFound(1, scanId, c, CallUsage.NONE));
        }
        return tracker.outcome(false);
    }

    static ScanEvent.ScanStarted plan(String scanId) {
        return new ScanEvent.ScanStarted(1, scanId, Access.viaHub(HUB, "EksFleetReader"), List.of(), List.of(), List.of(), List.of(), "enabled",
                0, 60_000, 0, "cluster-event:CreateCluster", CallUsage.NONE, null);
    }

    void runWaiting() {
        List<Waiting> due = List.copyOf(later);
        later.clear();
        due.forEach(w -> w.task().run());
    }

    @Test
    void aStartResumesOneLookPerRegionWhereAnEventsLookLastSawAClusterChangingRecently() {
        Instant now = Instant.now();
        seen("111111111111", "us-east-1", "a", "CREATING", InventoryRecord.BY_EVENT, Duration.ofMinutes(5), now);
        seen("111111111111", "us-east-1", "b", "UPDATING", InventoryRecord.BY_EVENT, Duration.ofMinutes(2), now);
        seen("222222222222", "eu-west-1", "c", "DELETING", InventoryRecord.BY_EVENT, Duration.ofMinutes(1), now);
        seen("333333333333", "us-east-1", "settled", "ACTIVE", InventoryRecord.BY_EVENT, Duration.ofMinutes(1), now);
        seen("444444444444", "us-east-1", "scanned", "CREATING", InventoryRecord.BY_SCAN, Duration.ofMinutes(1), now);
        seen("555555555555", "us-east-1", "long-ago", "CREATING", InventoryRecord.BY_EVENT, Duration.ofMinutes(40), now);

        followUps.resume(now.toEpochMilli());
        assertThat(later).extracting(Waiting::delayMs).containsExactly(0L, 0L);
        runWaiting();
        assertThat(started).extracting(r -> r.accounts().get(0).id() + " " + r.regions()).containsExactly(
                "111111111111 [us-east-1]", "222222222222 [eu-west-1]");
        assertThat(started).extracting(ScanRequest::origin).containsOnly("cluster-event:Resumed");
    }

    @Test
    void aLookThatSawAClusterChangingIsFollowedByAnotherUntilItSettles() throws InterruptedException {
        ClusterEvent.Changed event = new ClusterEvent.Changed("CreateCluster", "e-1", "111111111111", "us-east-1", "a");
        ScanRequest first = LOOKS.request(event, "acct-111111111111", 0);
        assertThat(followUps.first(first, event, System.currentTimeMillis())).isTrue();
        assertThat(started).containsExactly(first);

        followUps.ended(plan(first.scanId()), saw(first.scanId(), cluster("111111111111", "us-east-1", "a", "CREATING")), null);
        assertThat(registry.get("eksfleet.coordinator.cluster.event.latency").timer().count()).isEqualTo(1);
        assertThat(later).extracting(Waiting::delayMs).containsExactly(5_000L);
        runWaiting();
        ScanRequest second = LOOKS.request(event, "acct-111111111111", 1);
        assertThat(started).containsExactly(first, second);

        followUps.ended(plan(second.scanId()), saw(second.scanId(), cluster("111111111111", "us-east-1", "a", "ACTIVE")), null);
        assertThat(later).as("settled").isEmpty();
        followUps.ended(plan("another-scan"), saw("another-scan", cluster("111111111111", "us-east-1", "a", "CREATING")), null);
        assertThat(later).as("not a look of an event").isEmpty();
    }

    @Test
    void anEventSeenBeforeStartsNothingAndKeepsTheFirstLooksFollowUp() throws InterruptedException {
        ClusterEvent.Changed event = new ClusterEvent.Changed("CreateCluster", "e-2", "111111111111", "us-east-1", "a");
        ScanRequest first = LOOKS.request(event, "acct-111111111111", 0);
        FollowUps once = new FollowUps(LOOKS, request -> started.add(request) && started.size() == 1, new InventoryView() {
            @Override
            public String accountName(String accountId) {
                return accountId;
            }

            @Override
            public Collection<InventoryRecord> records() {
                return List.of();
            }
        }, new CoordinatorMetrics(registry, () -> 0, () -> 0), (delayMs, task) -> later.add(new Waiting(delayMs, task)));
        assertThat(once.first(first, event, 0)).isTrue();
        assertThat(once.first(first, event, 0)).isFalse();
        once.ended(plan(first.scanId()), saw(first.scanId(), cluster("111111111111", "us-east-1", "a", "CREATING")), null);
        assertThat(later).hasSize(1);
    }
}
