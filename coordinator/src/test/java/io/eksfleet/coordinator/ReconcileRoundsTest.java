package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcileRoundsTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final long START = 1_000_000_000L;

    final WrittenToKafka kafka = new WrittenToKafka();
    final RunningScans running = new RunningScans();
    final ReconcileSchedule schedule = new ReconcileSchedule(HOUR, ReconcileScheduleTest.SCOPE);
    final ReconcileRounds rounds = new ReconcileRounds(schedule, running, kafka);

    @Test
    void aRoundIsAskedForOnceWhenDueAsAFullScanOfTheScope() {
        rounds.started(START);
        long due = schedule.dueMs(START);
        rounds.tick(due - 1);
        assertThat(kafka.requests).isEmpty();

        rounds.tick(due);
        rounds.tick(due + 1);
        assertThat(kafka.requests).singleElement().satisfies(r -> {
            assertThat(r.scanId()).isEqualTo(schedule.request(due).scanId());
            assertThat(r.accounts()).as("every account of the organisation").isEmpty();
            assertThat(r.access()).isEqualTo(ReconcileScheduleTest.SCOPE.access());
        });
    }

    @Test
    void aRoundDueWhileTheLastStillRunsIsSkippedAndTheNextIsAPeriodLater() {
        rounds.started(START);
        long lastStart = START - 10;
        rounds.seen(ReconcileScheduleTest.started(ScanOrigin.SCHEDULE.label(), lastStart));
        running.accept(ReconcileScheduleTest.started(ScanOrigin.SCHEDULE.label(), lastStart));
        long due = schedule.dueMs(START);
        assertThat(due).isGreaterThanOrEqualTo(lastStart + HOUR.toMillis());

        rounds.tick(due);
        assertThat(kafka.requests).isEmpty();
        assertThat(schedule.dueMs(START)).isGreaterThanOrEqualTo(due + HOUR.toMillis());
    }

    @Test
    void theReplayReachesBackToTheLastRound() {
        assertThat(rounds.replay(Duration.ofMinutes(30))).isEqualTo(HOUR);
        assertThat(rounds.replay(Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
    }
}
