package io.eksfleet.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One scan covers one partition: its login's or hub's, and every region it names is in it. */
class PartitionTest {

    static ScanRequest hubRequest(String hubRegion, List<String> regions) {
        return new ScanRequest(VersionedMessage.VERSION, "s", Access.viaHub(new HubSource(null, hubRegion), "Reader"), List.of(),
                List.of(), List.of(), List.of(), regions, null, 60_000, 0, "test", null);
    }

    @Test
    void regionsAreReadIntoTheirPartitions() {
        assertThat(Partition.ofRegion("eu-west-1")).contains(Partition.AWS);
        assertThat(Partition.ofRegion("us-gov-east-1")).contains(Partition.AWS_US_GOV);
        assertThat(Partition.ofRegion("cn-north-1")).contains(Partition.AWS_CN);
        assertThat(Partition.ofRegion("us-iso-east-1")).as("no public endpoints").isEmpty();
        assertThat(Partition.ofRegion("mars-north-1")).isEmpty();
        assertThat(Partition.named("aws-cn")).contains(Partition.AWS_CN);
        assertThat(Partition.AWS_CN.homeRegion()).isEqualTo("cn-northwest-1");
    }

    @Test
    void aRequestScansTheRegionsOfItsOwnPartitionOnly() {
        assertThat(hubRequest("us-gov-west-1", List.of("us-gov-west-1", "us-gov-east-1")).problem()).isNull();
        assertThat(hubRequest("cn-northwest-1", List.of("cn-north-1")).problem()).isNull();
        assertThat(hubRequest("us-gov-west-1", List.of("us-east-1")).problem())
                .isEqualTo("regions: 'us-east-1' is not a region of the aws-us-gov partition, where us-gov-west-1 is: one scan covers one partition");
        assertThat(hubRequest("us-iso-east-1", List.of()).problem()).contains("is not a region of a partition eksfleet scans");
        assertThat(RoleArn.fromHub("cn-northwest-1", "111111111111", "Reader")).hasToString("arn:aws-cn:iam::111111111111:role/Reader");
    }
}
