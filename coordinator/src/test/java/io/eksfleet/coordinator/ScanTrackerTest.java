package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanTrackerTest {

    static final String SCAN = "s1";

    @Test
    void completesWhenEveryPlannedTaskIsClosedWhateverTheOrderAndCountsDuplicatesOnce() {
        ScanTracker tracker = ScanTracker.forAccounts(SCAN, List.of("111111111111", "222222222222"));
        ScanEvent cluster = new ScanEvent.ClusterFound(1, SCAN, new ClusterRecord("arn:aws:eks:us-east-1:111111111111:cluster/c",
                "c", "111111111111", "a", "R", "us-east-1", "https://c", "Q0E=", "1.31", "eks.1", "ACTIVE", Map.of(), Instant.EPOCH),
                new CallUsage(Map.of("eks:DescribeCluster", 1), 2, 1));
        // The cluster's event overtakes its region's and account's: it travels on another partition.
        tracker.accept(cluster);
        tracker.accept(new ScanEvent.RegionScanned(1, SCAN, "111111111111", "us-east-1", List.of("c"), new CallUsage(Map.of("eks:ListClusters", 1), 0, 0)));
        tracker.accept(new ScanEvent.AccountScanned(1, SCAN, "111111111111", "a", "R", List.of("us-east-1", "eu-west-1"), CallUsage.NONE));
        tracker.accept(new ScanEvent.TaskFailed(1, SCAN, Stage.REGIONS, "111111111111", "eu-west-1", null, "AccessDeniedException",
                "no", 1, CallUsage.NONE));
        tracker.accept(new ScanEvent.TaskRetried(1, SCAN, Stage.ACCOUNTS, "222222222222", null, null, 1, "Throttling", "slow down",
                new CallUsage(Map.of("sso:GetRoleCredentials", 3), 3, 2)));
        assertThat(tracker.completion()).isNotDone();
        tracker.accept(cluster);
        tracker.accept(new ScanEvent.AccountSkipped(1, SCAN, "222222222222", "b", "no role", CallUsage.NONE));
        assertThat(tracker.completion()).isDone();

        ScanOutcome outcome = tracker.outcome(false);
        assertThat(outcome.clusters()).hasSize(1);
        assertThat(outcome.calls()).containsEntry("eks:DescribeCluster", 1).containsEntry("eks:ListClusters", 1);
        assertThat(outcome.failures()).hasSize(1);
        assertThat(outcome.retries()).hasSize(1);
        assertThat(outcome.throttled()).isEqualTo(5);
        assertThat(outcome.callRetries()).isEqualTo(3);
        assertThat(outcome.regionComplete("111111111111", "us-east-1")).isTrue();
        assertThat(outcome.regionComplete("111111111111", "eu-west-1")).isFalse();
        assertThat(outcome.progress().get(Stage.REGIONS)).isEqualTo(new ScanTracker.StageProgress(2, 2));
    }

    @Test
    void ignoresOtherScansAndCompletesAnEmptyPlanAtOnce() {
        assertThat(ScanTracker.forAccounts(SCAN, List.of()).completion()).isDone();
        ScanTracker tracker = ScanTracker.forAccounts(SCAN, List.of("111111111111"));
        tracker.accept(new ScanEvent.AccountSkipped(1, "another", "111111111111", "a", "x", CallUsage.NONE));
        assertThat(tracker.completion()).isNotDone();
    }

    @Test
    void aListingScanPlansItsAccountsPageByPageAndIsNotCompleteBeforeTheLastPage() {
        ScanEvent.ScanStarted plan = new ScanEvent.ScanStarted(1, SCAN, null, List.of(), List.of(), List.of(), List.of(), "enabled",
                0, 60_000, 0, "cli", CallUsage.NONE, null, true);
        ScanTracker tracker = ScanTracker.forPlan(plan);
        assertThat(tracker.completion()).as("nothing listed yet").isNotDone();
        ScanEvent.AccountsListed first = new ScanEvent.AccountsListed(1, SCAN, 1,
                List.of(new io.eksfleet.scan.AccountRef("111111111111", "a")), List.of(), false, CallUsage.NONE);
        tracker.accept(first);
        // The account's task may report before its page: it travels on another partition.
        tracker.accept(new ScanEvent.AccountScanned(1, SCAN, "222222222222", "b", "R", List.of(), CallUsage.NONE));
        tracker.accept(new ScanEvent.AccountScanned(1, SCAN, "111111111111", "a", "R", List.of(), CallUsage.NONE));
        assertThat(tracker.completion()).as("every planned task is done, but more pages may come").isNotDone();

        tracker.accept(new ScanEvent.AccountsListed(1, SCAN, 2, List.of(new io.eksfleet.scan.AccountRef("222222222222", "b")),
                List.of(), false, CallUsage.NONE));
        tracker.accept(first);
        tracker.accept(new ScanEvent.AccountsListed(1, SCAN, 3, List.of(), List.of("billing"), true, CallUsage.NONE));
        assertThat(tracker.completion()).isDone();
        ScanOutcome outcome = tracker.outcome(false);
        assertThat(outcome.progress().get(Stage.ACCOUNTS)).isEqualTo(new ScanTracker.StageProgress(2, 2));
        assertThat(outcome.notVisible()).containsExactly("billing");
        assertThat(outcome.status()).isEqualTo(io.eksfleet.scan.ScanStatus.COMPLETED_WITH_FAILURES);
    }
}
