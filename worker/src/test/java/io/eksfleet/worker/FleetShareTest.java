package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.budget.Budgets;
import io.eksfleet.budget.Family;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FleetShareTest {

    static double ssoRate(Budgets budgets) {
        budgets.budget(Family.SSO, null, null);
        return budgets.snapshot().get(Family.SSO).configuredRps();
    }

    /** Stage topics of one partition each (created by hand, or by an older version): one worker owns them all. */
    @Test
    void theShareIsTakenOfThePartitionsTheBrokerHasNotOfTheRegistrysCounts() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        FleetShare share = new FleetShare(budgets, 3);
        share.assigned(List.of(new TopicPartition("eksfleet.scan.accounts", 0), new TopicPartition("eksfleet.scan.regions", 0),
                new TopicPartition("eksfleet.scan.clusters", 0), new TopicPartition("eksfleet.scan.accounts-retry", 0)));
        assertThat(ssoRate(budgets)).isEqualTo(BudgetConfig.DEFAULTS.ssoRps());

        share.revoked(List.of(new TopicPartition("eksfleet.scan.regions", 0), new TopicPartition("eksfleet.scan.clusters", 0)));
        assertThat(ssoRate(budgets)).isEqualTo(BudgetConfig.DEFAULTS.ssoRps() / 3);
    }
}
