package io.eksfleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.Organization;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The baselines are real contenders: against the simulator they find exactly the organisation's clusters. */
class SeedPoolTest {

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "seed-pool-default"})
    void findsEveryClusterOfTheOrganisation(String name) throws Exception {
        Scenario seed10 = Scenario.ALL.get(0);
        Organization org = seed10.organization();
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(org).limits(Scenario.AWS_LIMITS).build())) {
            SeedPool.Result result = new SeedPool(SeedPool.Config.named(name), sim.endpoint())
                    .run(org.ssoRegion(), sim.issueAccessToken(), "ReadOnly");
            assertThat(result.clusters()).isEqualTo(org.clusters().map(Organization.OrgCluster::arn).collect(Collectors.toSet()));
            assertThat(result.failedAccounts()).isZero();
            assertThat(sim.calls().count(Api.SSO_GET_ROLE_CREDENTIALS)).isEqualTo(org.accounts().size());
        }
    }
}
