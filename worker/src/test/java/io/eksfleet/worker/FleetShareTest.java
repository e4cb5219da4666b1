package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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

    /** Stage topics raised from 24 to 96 partitions under six workers: each worker's share stays a sixth. */
    @Test
    void raisedPartitionsKeepTheShareAtTheWorkersPart() {
        Budgets budgets = new Budgets(BudgetConfig.DEFAULTS);
        FleetShare share = new FleetShare(budgets, 72);
        share.assigned(numbers(0, 4));
        assertThat(ssoRate(budgets)).isCloseTo(BudgetConfig.DEFAULTS.ssoRps() / 6, offset(0.01));

        share.assigned(numbers(24, 36));
        share.total(288);
        assertThat(ssoRate(budgets)).as("16 numbers of 96, not 48 of 72 partitions")
                .isCloseTo(BudgetConfig.DEFAULTS.ssoRps() / 6, offset(0.01));
    }

    /** Partition numbers {@code from} (inclusive) to {@code to} of the three stage topics. */
    private static List<TopicPartition> numbers(int from, int to) {
        List<TopicPartition> out = new java.util.ArrayList<>();
        for (String topic : List.of("eksfleet.scan.accounts", "eksfleet.scan.regions", "eksfleet.scan.clusters")) {
            for (int i = from; i < to; i++) {
                out.add(new TopicPartition(topic, i));
            }
        }
        return out;
    }
}
