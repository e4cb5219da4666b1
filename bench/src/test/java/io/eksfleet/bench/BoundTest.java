package io.eksfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundTest {

    @Test
    void followsTheSimulatorsSettings() {
        Scenario org300 = scenario("org-300-sso");
        Bound bound = Bound.of(org300.organization(), org300, 64);
        // 300 GetRoleCredentials + 3 ListAccounts pages at 20 rps, less the first second's bucket.
        assertThat(bound.budgetMs()).isCloseTo((303 - 20) / 20.0 * 1000, within(1.0));
        // Five dependent calls at the lognormal's mean (median 40 ms, p99 150 ms: about 47 ms).
        assertThat(bound.criticalMs()).isCloseTo(5 * 47.0, within(3.0));
        assertThat(bound.calls()).isEqualTo(303 + 300 + 300 * 17 + 750);
        assertThat(bound.ms()).isEqualTo(bound.budgetMs());

        Scenario overhead = scenario("overhead");
        assertThat(Bound.of(overhead.organization(), overhead, 64).ms()).isZero();
    }

    @Test
    void hubModeIsBoundByTheHubsStsBudget() {
        Scenario hub = scenario("fleet-300-hub");
        Bound bound = Bound.of(hub.organization(), hub, 64);
        // 300 AssumeRole calls from one hub account at 100 rps, less the first second's bucket.
        assertThat(bound.budgetMs()).isCloseTo((300 - 100) / 100.0 * 1000, within(1.0));
        // 15 ListAccounts pages of 20, no SSO calls.
        assertThat(bound.calls()).isEqualTo(15 + 300 + 300 + 300 * 17 + 750);
        assertThat(bound.ms()).isEqualTo(bound.workMs());
    }

    private static Scenario scenario(String name) {
        return Scenario.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
