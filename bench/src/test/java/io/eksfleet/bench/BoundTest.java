package io.eksfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundTest {

    /** The lognormal's mean (median 40 ms, p99 150 ms). */
    private static final double MEAN_MS = 47.0;

    @Test
    void followsTheSimulatorsSettings() {
        Scenario org300 = scenario("org-300-sso");
        Bound bound = Bound.of(org300.organization(), org300, 64, false);
        // 300 GetRoleCredentials + 3 ListAccounts pages at 20 rps, less the first second's bucket.
        assertThat(budget(bound, "SSO").ms()).isCloseTo((303 - 20) / 20.0 * 1000, within(1.0));
        // Three listing pages one after another, then four dependent calls.
        assertThat(bound.listingMs()).isCloseTo(3 * MEAN_MS, within(3.0));
        assertThat(bound.criticalMs()).isCloseTo(7 * MEAN_MS, within(5.0));
        assertThat(bound.calls()).isEqualTo(303 + 300 + 300 * 17 + 750);
        assertThat(bound.ms()).isEqualTo(budget(bound, "SSO").ms());
        assertThat(bound.setBy()).isEqualTo("SSO budget");

        Scenario overhead = scenario("overhead");
        assertThat(Bound.of(overhead.organization(), overhead, 64, false).ms()).isZero();
    }

    @Test
    void eksfleetsInFlightLimitIsBesideTheBoundNotInIt() {
        Scenario hub = scenario("org-1000-hub");
        Bound bound = Bound.of(hub.organization(), hub, 64, true);
        assertThat(bound.inFlightMs()).isGreaterThan(bound.ms());
        assertThat(Bound.of(hub.organization(), hub, 1, true).ms()).isEqualTo(bound.ms());
    }

    @Test
    void hubModeIsBoundByTheHubsStsBudgetOrByTheListing() {
        Scenario hub = scenario("fleet-300-hub");
        Bound cold = Bound.of(hub.organization(), hub, 64, false);
        // 300 AssumeRole calls from one hub account at 100 rps, less the first second's bucket.
        assertThat(budget(cold, "STS").ms()).isCloseTo((300 - 100) / 100.0 * 1000, within(1.0));
        // 15 ListAccounts pages of 20, no SSO calls.
        assertThat(cold.calls()).isEqualTo(15 + 300 + 300 + 300 * 17 + 750);
        assertThat(cold.setBy()).isEqualTo("STS budget");

        // A running fleet holds the credentials: the organisation's listing is what is left, 500 pages at 10 rps.
        Scenario org10k = scenario("org-10000-hub");
        Bound warm = Bound.of(org10k.organization(), org10k, 64, true);
        assertThat(budget(warm, "STS").calls()).isZero();
        assertThat(warm.listingMs()).isCloseTo((500 - 10) / 10.0 * 1000, within(1.0));
        assertThat(warm.ms()).isEqualTo(warm.criticalMs());
        assertThat(warm.setBy()).isEqualTo("critical path");
    }

    private static Bound.Budget budget(Bound bound, String service) {
        return bound.budgets().stream().filter(b -> b.service().equals(service)).findFirst().orElseThrow();
    }

    private static Scenario scenario(String name) {
        return Scenario.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
