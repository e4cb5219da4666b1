package io.eksfleet.bench;

import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.util.List;

/**
 * One benchmark scenario: the simulated organisation, the simulator's latency and limits, the contenders,
 * or why the scenario cannot run yet. (The event and simulator scenarios measure other things:
 * {@link EventLatency}, {@link SimulatorThroughput}.)
 */
record Scenario(String name, String description, int accounts, int regions, int clusters, boolean hub, LatencySettings latency,
                RateLimits limits, List<String> contenders, String skipReason) {

    /** The role hub-mode scans assume in every account; every simulated account has it. */
    static final String HUB_ROLE = "EksFleetReader";

    static final long SEED = 5;
    /** Lognormal, median 40 ms, p99 150 ms. */
    static final LatencySettings AWS_LATENCY = LatencySettings.parse(List.of("lognormal:40ms,150ms"));
    /** SSO 20 rps for the organisation, EKS 10 rps burst 20 per account and region, EC2 100 refilled at 20/s, STS 100 rps. */
    static final RateLimits AWS_LIMITS = new RateLimits(20, 10, 20, 100, 20, 100, 10);
    static final List<String> ALL_CONTENDERS = List.of("sequential", "seed-pool-conservative", "seed-pool-default", "eksfleet");
    /** The worker-pool designs only know SSO, so hub scenarios compare eksfleet in one process with fleets of worker processes. */
    static final List<String> HUB_CONTENDERS = List.of("eksfleet", "fleet-1", "fleet-3");

    static final List<Scenario> ALL = List.of(
            new Scenario("seed-10", "the classic worker pool's headline case: 10 accounts x 5 regions, 20 clusters", 10, 5, 20, false,
                    AWS_LATENCY, AWS_LIMITS, ALL_CONTENDERS, null),
            new Scenario("org-300-sso", "SSO mode, 300 accounts x 17 regions, 750 clusters, --role given", 300, 17, 750, false,
                    AWS_LATENCY, AWS_LIMITS, ALL_CONTENDERS, null),
            new Scenario("fleet-300-hub", "hub mode (AssumeRole), 300 accounts x 17 regions, 750 clusters, worker processes",
                    300, 17, 750, true, AWS_LATENCY, AWS_LIMITS, HUB_CONTENDERS, null),
            new Scenario("org-1000-sso", "SSO mode, 1000 accounts x 17 regions, 2500 clusters, --role given", 1000, 17, 2500, false,
                    AWS_LATENCY, AWS_LIMITS, ALL_CONTENDERS, null),
            new Scenario("org-1000-hub", "hub mode (AssumeRole), 1000 accounts x 17 regions, 2500 clusters", 1000, 17, 2500, true,
                    AWS_LATENCY, AWS_LIMITS, HUB_CONTENDERS, null),
            new Scenario("org-10000-hub", "hub mode (AssumeRole), 10000 accounts (AWS Organizations' most) x 17 regions, 25000 clusters",
                    10_000, 17, 25_000, true, AWS_LATENCY, AWS_LIMITS, List.of("fleet-1", "fleet-3"), null),
            new Scenario("overhead", "framework overhead: zero latency, no limits, 100 accounts x 10 regions, 2000 clusters",
                    100, 10, 2000, false, LatencySettings.NONE, RateLimits.UNLIMITED, List.of("eksfleet"), null),
            new Scenario("overhead-warm", "framework overhead of a running fleet (second scan on a warm worker): zero latency, "
                    + "no limits, hub mode, 100 accounts x 10 regions, 2000 clusters",
                    100, 10, 2000, true, LatencySettings.NONE, RateLimits.UNLIMITED, List.of("fleet-1"), null));

    /** Whether this scenario measures the framework alone (no latency, no limits): then tasks/s is its figure. */
    boolean overhead() {
        return name.startsWith("overhead");
    }

    /** Account, region and cluster tasks of a full scan. */
    int tasks() {
        return accounts + accounts * regions + clusters;
    }

    static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    /**
     * eksfleet in one process without the access-entry look-ups (one to three EKS calls a cluster): asked for by name,
     * beside {@code eksfleet}, to see what the look-ups cost.
     */
    static final String WITHOUT_ACCESS_ENTRIES = "eksfleet-no-access-entries";

    /** The same scenario with only these contenders. */
    Scenario only(List<String> names) {
        List<String> chosen = new java.util.ArrayList<>(contenders.stream().filter(names::contains).toList());
        if (names.contains(WITHOUT_ACCESS_ENTRIES) && contenders.contains("eksfleet")) {
            chosen.add(WITHOUT_ACCESS_ENTRIES);
        }
        return new Scenario(name, description, accounts, regions, clusters, hub, latency, limits, chosen, skipReason);
    }

    Organization organization() {
        return OrgGenerator.generate(accounts, regions, clusters, SEED, OrgGenerator.Options.DEFAULT.withMixedAuthentication(true));
    }
}
