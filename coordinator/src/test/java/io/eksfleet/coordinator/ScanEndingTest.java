package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a scan ends, decided from what its tracker saw, and who ends it. */
class ScanEndingTest {

    static final long T0 = 1_000_000;
    static final String ACCOUNT = "111111111111";

    final WrittenToKafka kafka = new WrittenToKafka();
    final RunningScans running = new RunningScans();

    static ScanEvent.ScanStarted plan(String id, String workers, List<String> notVisible) {
        return new ScanEvent.ScanStarted(1, id, new Access("ReadOnly", null, null), List.of(), List.of(new AccountRef(ACCOUNT, "prod")), notVisible,
                List.of("us-east-1"), "list", T0, 60_000, 0, "cli", CallUsage.NONE, workers);
    }

    static ScanEvent.AccountScanned scanned(String id) {
        return new ScanEvent.AccountScanned(1, id, ACCOUNT, "prod", "ReadOnly", List.of(), CallUsage.NONE);
    }

    static ScanEvent.TaskFailed failed(String id) {
        return new ScanEvent.TaskFailed(1, id, Stage.ACCOUNTS, ACCOUNT, null, null, "AccessDenied", "denied", 3, CallUsage.NONE);
    }

    ScanStatus endedAs(String id) {
        return kafka.finished().stream().filter(f -> f.scanId().equals(id)).map(ScanEvent.ScanFinished::status).findFirst().orElse(null);
    }

    @Test
    void aScanWhoseTasksAllClosedIsCompleteOrCompletedWithFailuresAndOneStillOpenTimesOutAtItsTimeout() {
        ScanEnding ending = ScanEnding.ofFleet(kafka);
        running.accept(plan("clean", null, List.of()));
        running.accept(scanned("clean"));
        running.accept(plan("failed-task", null, List.of()));
        running.accept(failed("failed-task"));
        running.accept(plan("not-visible", null, List.of("payments-*")));
        running.accept(scanned("not-visible"));
        running.accept(plan("open", null, List.of()));

        ending.endDue(running, T0 + 1);
        assertThat(endedAs("clean")).isEqualTo(ScanStatus.COMPLETE);
        assertThat(endedAs("failed-task")).isEqualTo(ScanStatus.COMPLETED_WITH_FAILURES);
        assertThat(endedAs("not-visible")).isEqualTo(ScanStatus.COMPLETED_WITH_FAILURES);
        assertThat(endedAs("open")).as("neither complete nor late").isNull();

        ending.endDue(running, T0 + 60_000);
        assertThat(endedAs("open")).isEqualTo(ScanStatus.TIMEOUT);
        assertThat(kafka.finished()).hasSize(4);
    }

    @Test
    void theFleetLeavesAScanOfACommandsOwnWorkersToThatCommandWhichEndsNoOtherScan() throws InterruptedException {
        ScanEvent.ScanStarted own = plan("own", "own", List.of());
        ScanEvent.ScanStarted fleets = plan("fleet", null, List.of());
        running.accept(own);
        running.accept(scanned("own"));

        ScanEnding.ofFleet(kafka).endDue(running, T0 + 1);
        assertThat(kafka.finished()).isEmpty();
        assertThat(running.size()).as("dropped, not followed on").isZero();

        ScanEnding command = ScanEnding.ofOwnWorkers(kafka, "own");
        ScanOutcome outcome = new ScanTracker("own", List.of()).outcome(false);
        assertThat(command.end(fleets, outcome)).isNull();
        assertThat(command.end(own, outcome).status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(ScanEnding.ofOwnWorkers(kafka, null).ends(fleets)).as("a command without workers of its own ends nothing").isFalse();
        assertThat(kafka.finished()).extracting(ScanEvent.ScanFinished::scanId).containsExactly("own");
    }

    @Test
    void anEndThatCouldNotBeWrittenIsTriedAgainAndTheListenersHearOfItOnce() {
        ScanEnding ending = ScanEnding.ofFleet(kafka);
        List<String> heard = new ArrayList<>();
        ending.listen((plan, outcome, finished) -> heard.add(plan.scanId() + " " + finished.status()));
        running.accept(plan("a", null, List.of()));
        running.accept(scanned("a"));

        kafka.away = true;
        ending.endDue(running, T0 + 1);
        assertThat(running.size()).isEqualTo(1);
        assertThat(heard).isEmpty();

        kafka.away = false;
        ending.endDue(running, T0 + 2);
        ending.endDue(running, T0 + 3);
        assertThat(heard).containsExactly("a " + ScanStatus.COMPLETE);
        assertThat(kafka.finished()).hasSize(1);
    }

    @Test
    void aListenerThatFailsAfterTheEndIsWrittenDoesNotEndTheScanTwice() {
        ScanEnding ending = ScanEnding.ofFleet(kafka);
        ending.listen((plan, outcome, finished) -> {
            throw new java.util.concurrent.RejectedExecutionException("ticker shut down");
        });
        running.accept(plan("a", null, List.of()));
        running.accept(scanned("a"));

        ending.endDue(running, T0 + 1);
        ending.endDue(running, T0 + 2);
        assertThat(kafka.finished()).hasSize(1);
        assertThat(running.size()).isZero();
    }

    @Test
    void aScanThatCouldNotStartEndsWithAnErrorOfOneLine() throws InterruptedException {
        ScanEnding.ofFleet(kafka).failed("s", "no SSO login\n  at some.Stack(Trace.java:1)");
        ScanEvent.ScanFinished finished = kafka.finished().get(0);
        assertThat(finished.status()).isEqualTo(ScanStatus.ERROR);
        assertThat(finished.error()).isEqualTo("no SSO login");
    }
}
