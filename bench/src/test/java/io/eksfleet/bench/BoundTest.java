package io.eksfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundTest {

    @Test
    void followsTheSimulatorsSettings() {
        Scenario org300 = Scenario.ALL.get(1);
        Bound bound = Bound.of(org300.organization(), org300, 64);
        // 300 GetRoleCredentials + 3 ListAccounts pages at 20 rps, less the first second's bucket.
        assertThat(bound.budgetMs()).isCloseTo((303 - 20) / 20.0 * 1000, within(1.0));
        // Five dependent calls at the lognormal's mean (median 40 ms, p99 150 ms: about 47 ms).
        assertThat(bound.criticalMs()).isCloseTo(5 * 47.0, within(3.0));
        assertThat(bound.calls()).isEqualTo(303 + 300 + 300 * 17 + 750);
        assertThat(bound.ms()).isEqualTo(bound.budgetMs());

        Scenario overhead = Scenario.ALL.get(4);
        assertThat(Bound.of(overhead.organization(), overhead, 64).ms()).isZero();
    }
}
