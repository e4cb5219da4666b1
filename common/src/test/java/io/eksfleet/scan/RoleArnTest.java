package io.eksfleet.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleArnTest {

    @Test
    void theRoleIsInTheClustersPartitionAndAccount() {
        ClusterArn cluster = ClusterArn.parse("arn:aws-cn:eks:cn-north-1:111111111111:cluster/prod");

        assertThat(RoleArn.inAccountOf(cluster, "Reader")).hasToString("arn:aws-cn:iam::111111111111:role/Reader");
    }

    @Test
    void aHubRoleIsInTheHubRegionsPartition() {
        assertThat(RoleArn.fromHub("us-gov-west-1", "222222222222", "Reader")).hasToString("arn:aws-us-gov:iam::222222222222:role/Reader");
        assertThat(RoleArn.fromHub("eu-west-1", "222222222222", "Reader")).hasToString("arn:aws:iam::222222222222:role/Reader");
    }
}
