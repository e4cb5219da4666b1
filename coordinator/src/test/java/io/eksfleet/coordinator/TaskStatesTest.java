package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Stage;
import org.junit.jupiter.api.Test;

/** The flat states of a scan's task keys keep what a set of key strings kept, however many accounts and regions. */
class TaskStatesTest {

    final TaskStates keys = new TaskStates();

    static String account(int i) {
        return String.format("%012d", i);
    }

    @Test
    void eachKeyKeepsItsOwnStateAcrossTenThousandAccountsAndSeventeenRegions() {
        for (int a = 0; a < 10_000; a++) {
            assertThat(keys.add(Stage.ACCOUNTS.taskKey(account(a), null, null), TaskStates.PLANNED)).isZero();
            for (int r = 0; r < 17; r++) {
                assertThat(keys.add(Stage.REGIONS.taskKey(account(a), "eu-west-" + r, null), TaskStates.PLANNED)).isZero();
            }
        }
        String region = Stage.REGIONS.taskKey(account(9_999), "eu-west-16", null);
        assertThat(keys.add(region, TaskStates.CLOSED)).isEqualTo(TaskStates.PLANNED);
        assertThat(keys.add(region, TaskStates.LISTED)).isEqualTo(TaskStates.PLANNED | TaskStates.CLOSED);
        assertThat(keys.add(Stage.REGIONS.taskKey(account(9_998), "eu-west-16", null), 0)).as("a neighbour").isEqualTo(TaskStates.PLANNED);
        assertThat(keys.add(Stage.ACCOUNTS.taskKey(account(10_000), null, null), TaskStates.CLOSED)).as("closed before planned").isZero();
        assertThat(keys.add(Stage.ACCOUNTS.taskKey(account(10_000), null, null), TaskStates.PLANNED)).isEqualTo(TaskStates.CLOSED);
        String cluster = Stage.CLUSTERS.taskKey(account(1), "eu-west-1", "payments");
        assertThat(keys.add(cluster, TaskStates.CLOSED)).isZero();
        assertThat(keys.add(cluster, TaskStates.PLANNED)).isEqualTo(TaskStates.CLOSED);

        ListedRegions listed = keys.listed();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.contains(account(9_999), "eu-west-16")).isTrue();
        assertThat(listed.contains(account(9_999), "eu-west-15")).isFalse();
        assertThat(listed.contains("999999999999", "eu-west-16")).isFalse();
        keys.add(Stage.REGIONS.taskKey(account(5), "eu-west-1", null), TaskStates.CLOSED | TaskStates.LISTED);
        assertThat(listed.contains(account(5), "eu-west-1")).as("a copy: what is listed later is not in it").isFalse();
        assertThat(keys.listed().contains(account(5), "eu-west-1")).isTrue();
    }

    @Test
    void regionsPastTheSixtyFourABitmaskHoldsAreKeptAsStrings() {
        for (int r = 0; r < 70; r++) {
            keys.add(Stage.REGIONS.taskKey(account(1), "xx-region-" + r, null), TaskStates.CLOSED | TaskStates.LISTED);
        }
        assertThat(keys.add(Stage.REGIONS.taskKey(account(1), "xx-region-69", null), 0)).isEqualTo(TaskStates.CLOSED | TaskStates.LISTED);
        assertThat(keys.add(Stage.REGIONS.taskKey(account(2), "xx-region-69", null), 0)).isZero();
        ListedRegions listed = keys.listed();
        assertThat(listed.size()).isEqualTo(70);
        assertThat(listed.contains(account(1), "xx-region-0")).isTrue();
        assertThat(listed.contains(account(1), "xx-region-69")).isTrue();
        assertThat(listed.contains(account(2), "xx-region-69")).isFalse();
    }
}
