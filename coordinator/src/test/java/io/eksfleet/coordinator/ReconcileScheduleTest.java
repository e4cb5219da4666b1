package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.events.AccountEventScans;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileScheduleTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final AccountEventScans SCOPE = new AccountEventScans(Access.viaHub(new HubSource(null, "us-east-1"), "EksFleetReader"), List.of(), "enabled",
            Duration.ofMinutes(15), Duration.ofMinutes(20));

    static ScanEvent.ScanStarted started(String origin, long atMs) {
        return new ScanEvent.ScanStarted(VersionedMessage.VERSION, "s-" + atMs, Access.viaHub(new HubSource(null, "us-east-1"), "EksFleetReader"),
                List.of(), List.of(), List.of(), List.of(), "enabled", atMs, HOUR.toMillis(), 0, origin, new CallUsage(Map.of(), 0, 0), null);
    }

    @Test
    void aRoundIsDueAPeriodAfterTheLastStartedPlusAStableJitterWhateverCoordinatorComputesIt() {
        ReconcileSchedule first = new ReconcileSchedule(HOUR, SCOPE);
        long start = 1_000_000_000L;
        long firstDue = first.dueMs(start);
        assertThat(firstDue).isBetween(start, start + HOUR.toMillis() / 10);

        first.seen(started("cli", start + 5_000));
        assertThat(first.dueMs(start)).as("a scan someone else asked for moves nothing").isEqualTo(firstDue);
        first.seen(started(ScanOrigin.SCHEDULE.label(), start + 7_000));
        long next = first.dueMs(start);
        assertThat(next).isBetween(start + 7_000 + HOUR.toMillis(), start + 7_000 + HOUR.toMillis() * 11 / 10);

        ReconcileSchedule restarted = new ReconcileSchedule(HOUR, SCOPE);
        restarted.seen(started(ScanOrigin.SCHEDULE.label(), start + 7_000));
        assertThat(restarted.dueMs(start + 30 * 60_000)).as("the schedule survives a restart").isEqualTo(next);

        restarted.taken(next);
        assertThat(restarted.dueMs(start)).isGreaterThanOrEqualTo(next + HOUR.toMillis());
    }

    @Test
    void aRoundIsOneFullHubScanWhoseIdComesFromItsDueTime() {
        ReconcileSchedule schedule = new ReconcileSchedule(HOUR, SCOPE);
        ScanRequest request = schedule.request(42L);
        assertThat(request.problem()).isNull();
        assertThat(request.accounts()).isEmpty();
        assertThat(request.origin()).isEqualTo(ScanOrigin.SCHEDULE.label());
        assertThat(request.access().roleName()).isEqualTo("EksFleetReader");
        assertThat(request.timeoutMs()).isEqualTo(HOUR.toMillis());
        assertThat(schedule.request(42L).scanId()).isEqualTo(request.scanId()).isNotEqualTo(schedule.request(43L).scanId());
    }
}
