package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.Stage;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a restarted coordinator rebuilds from the results topic's history, and when it ends a scan. */
class RunningScansTest {

    static final long T0 = 1_000_000;
    /** The fleet coordinator's choice: the scans of the fleet's workers. */
    static final Predicate<ScanEvent.ScanStarted> FLEET = plan -> plan.workers() == null;

    static ScanEvent.ScanStarted started(String id, String origin, String... accounts) {
        return startedBy(null, id, origin, accounts);
    }

    /** A scan whose tasks {@code workers} run: null for the fleet's workers. */
    static ScanEvent.ScanStarted startedBy(String workers, String id, String origin, String... accounts) {
        return new ScanEvent.ScanStarted(1, id, new Access("ReadOnly", null, null), List.of(),
                java.util.Arrays.stream(accounts).map(a -> new AccountRef(a, "acct-" + a)).toList(), List.of(), List.of("us-east-1"),
                "list", T0, 60_000, 0, origin, CallUsage.NONE, workers);
    }

    static ScanEvent.AccountScanned scanned(String id, String account) {
        return new ScanEvent.AccountScanned(1, id, account, "acct-" + account, "ReadOnly", List.of(), CallUsage.NONE);
    }

    @Test
    void replayingTheHistoryRebuildsTheUnfinishedScansWithTheirProgress() {
        RunningScans scans = new RunningScans();
        scans.accept(started("done", "fleet", "111111111111"));
        scans.accept(started("cut", "fleet", "111111111111", "222222222222"));
        scans.accept(scanned("cut", "111111111111"));
        scans.accept(scanned("done", "111111111111"));
        scans.accept(new ScanEvent.ScanFinished(1, "done", ScanStatus.COMPLETE, null, Map.of(), T0, CallUsage.NONE));

        assertThat(scans.size()).isEqualTo(1);
        assertThat(scans.ended("done")).isTrue();
        RunningScans.Running cut = scans.get("cut").orElseThrow();
        assertThat(cut.tracker().progress().get(Stage.ACCOUNTS)).isEqualTo(new ScanTracker.StageProgress(2, 1));
        assertThat(scans.due(T0 + 1, FLEET)).as("neither complete nor late").isEmpty();

        // A finished scan's start replayed again (a second coordinator's read) does not bring it back.
        scans.accept(started("done", "fleet", "111111111111"));
        assertThat(scans.get("done")).isEmpty();
    }

    @Test
    void aScanEndsOnceWhenCompleteOrLateAndAgainOnlyIfItsEndWasNotPublished() {
        RunningScans scans = new RunningScans();
        scans.accept(started("a", "fleet", "111111111111"));
        scans.accept(started("late", "fleet", "222222222222"));
        assertThat(scans.accept(scanned("a", "111111111111"))).isPresent();

        List<RunningScans.Running> due = scans.due(T0 + 1, FLEET);
        assertThat(due).extracting(r -> r.plan().scanId()).containsExactly("a");
        assertThat(scans.due(T0 + 2, FLEET)).isEmpty();
        assertThat(scans.due(T0 + 60_000, FLEET)).extracting(r -> r.plan().scanId()).containsExactly("late");

        scans.reopen(due.get(0));
        assertThat(scans.due(T0 + 60_001, FLEET)).extracting(r -> r.plan().scanId()).containsExactly("a");
    }

    @Test
    void aDueScanThatAnotherProcessEndsIsDroppedNotHandedOn() {
        RunningScans scans = new RunningScans();
        scans.accept(startedBy("own", "own", "cli", "111111111111"));
        scans.accept(scanned("own", "111111111111"));
        assertThat(scans.due(T0 + 1, FLEET)).isEmpty();
        assertThat(scans.size()).isZero();
    }
}
