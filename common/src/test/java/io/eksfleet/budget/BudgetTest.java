package io.eksfleet.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketThenOneTokenPerIntervalWithoutWaitingThreads() {
        Budget budget = new Budget(10, 10, BudgetConfig.DEFAULTS, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(budget.reserve(0)).isZero();
        }
        // The 11th waits a tenth of a second, the 12th two tenths: reservations queue up in time.
        assertThat(budget.reserve(0)).isEqualTo(SECOND / 10);
        assertThat(budget.reserve(0)).isEqualTo(2 * SECOND / 10);
        assertThat(budget.reserve(10 * SECOND)).isZero();
    }

    @Test
    void throttlingCutsTheRateOncePerWindowAndSuccessBuildsItBack() {
        BudgetConfig config = BudgetConfig.DEFAULTS;
        Budget budget = new Budget(20, 20, config, 0);
        budget.onThrottle(SECOND);
        budget.onThrottle(SECOND + 1);
        assertThat(budget.lowestRate()).isEqualTo(14.0);
        assertThat(budget.throttles()).isEqualTo(2);
        budget.onThrottle(3 * SECOND);
        assertThat(budget.lowestRate()).isCloseTo(9.8, org.assertj.core.api.Assertions.within(1e-9));
        for (int i = 0; i < 100; i++) {
            budget.onThrottle(10 * SECOND * (i + 1));
        }
        assertThat(budget.lowestRate()).isEqualTo(20 * config.floorFraction());
        for (int i = 0; i < 100; i++) {
            budget.onSuccess();
        }
        // Back at the full rate: ten tokens a second after a drained bucket means a 50 ms wait per token.
        long now = 2000 * SECOND;
        for (int i = 0; i < 20; i++) {
            budget.reserve(now);
        }
        assertThat(budget.reserve(now)).isEqualTo(SECOND / 20);
    }

    @Test
    void aWorkersShareSplitsTheFleetWideBudgetsOnly() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        budgets.share(1.0 / 3);
        Budget sso = budgets.budget(Family.SSO, null, null);
        assertThat(sso).isSameAs(budgets.budget(Family.SSO, "111111111111", "us-east-1"));
        assertThat(budgets.budget(Family.EKS, "111111111111", "us-east-1")).isNotSameAs(budgets.budget(Family.EKS, "111111111111", "eu-west-1"));
        assertThat(budgets.snapshot().get(Family.SSO).configuredRps()).isEqualTo(6.0);
        assertThat(budgets.snapshot().get(Family.EKS).configuredRps()).as("one worker makes an account's calls").isEqualTo(8.0);
        long now = System.nanoTime();
        assertThat(Duration.ofNanos(sso.reserve(now))).isZero();
        // No burst for a fleet-wide budget: the next token comes at the worker's rate, 6 a second.
        assertThat(Duration.ofNanos(sso.reserve(now))).isBetween(Duration.ofMillis(100), Duration.ofMillis(170));
    }

    @Test
    void aWorkerThatIsTheWholeFleetStartsWithHalfASecondOfItsFleetWideBudget() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        Budget sso = budgets.budget(Family.SSO, null, null);
        double rate = budgets.snapshot().get(Family.SSO).configuredRps();
        long now = System.nanoTime();
        int atOnce = 0;
        while (sso.reserve(now) == 0) {
            atOnce++;
        }
        assertThat(atOnce).isEqualTo((int) (rate / 2));
    }

    @Test
    void aFamilysSnapshotAddsItsKeysAndKeepsTheLowestRateOfAny() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        assertThat(budgets.snapshot()).as("no call yet").isEmpty();
        assertThat(budgets.snapshot(Family.EKS)).isEqualTo(new BudgetSnapshot(budgets.rate(Family.EKS), 0, budgets.rate(Family.EKS), 0));
        budgets.budget(Family.EKS, "111111111111", "us-east-1");
        Budget throttled = budgets.budget(Family.EKS, "111111111111", "eu-west-1");
        throttled.onThrottle(SECOND);
        double rate = budgets.rate(Family.EKS);
        assertThat(budgets.snapshot(Family.EKS)).isEqualTo(new BudgetSnapshot(rate, 2, Math.round(throttled.lowestRate() * 100) / 100.0, 1));
        assertThat(budgets.snapshot().keySet()).containsExactly(Family.EKS);
    }

    @Test
    void aKeyAtRestIsDroppedAndStillCountedAThrottledOneIsKept() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        Budget idle = budgets.budget(Family.EKS, "111111111111", "us-east-1");
        idle.reserve(System.nanoTime());
        Budget throttled = budgets.budget(Family.EKS, "111111111111", "eu-west-1");
        throttled.onThrottle(System.nanoTime());
        BudgetSnapshot before = budgets.snapshot(Family.EKS);

        budgets.sweep(System.nanoTime() + Budgets.IDLE.toNanos() + SECOND);

        assertThat(budgets.keys()).as("the throttled key is still below its rate").isEqualTo(1);
        assertThat(budgets.snapshot(Family.EKS)).as("the dropped key still counts").isEqualTo(before);
        assertThat(budgets.budget(Family.EKS, "111111111111", "eu-west-1")).isSameAs(throttled);
        assertThat(budgets.budget(Family.EKS, "111111111111", "us-east-1")).as("made afresh").isNotSameAs(idle);
    }

    @Test
    void aKeyInUseIsNotDropped() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        Budget used = budgets.budget(Family.EKS, "111111111111", "us-east-1");
        long now = System.nanoTime() + Budgets.IDLE.toNanos() + SECOND;
        used.reserve(now - SECOND);
        budgets.sweep(now);
        assertThat(budgets.budget(Family.EKS, "111111111111", "us-east-1")).isSameAs(used);
    }

    @Test
    void aSnapshotIsWrittenAsTheReportsBudgetFigures() {
        assertThat(io.eksfleet.topic.Messages.MAPPER.writeValueAsString(new BudgetSnapshot(18.0, 1, 18.0, 0)))
                .isEqualTo("{\"configuredRps\":18.0,\"keys\":1,\"lowestRps\":18.0,\"throttled\":0}");
    }
}
