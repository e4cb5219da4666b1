package io.eksfleet.scan;

import java.util.Arrays;
import java.util.Optional;

/**
 * An AWS partition eksfleet scans: the commercial regions, AWS GovCloud (US), or the China regions. Each has its own
 * ARNs ({@code arn:aws-us-gov:...}), endpoints ({@code amazonaws.com.cn} in China), credentials and IAM Identity
 * Center instances, so one scan covers one partition. The isolated partitions (aws-iso*) have no public endpoints.
 */
public enum Partition {
    AWS("aws", "us-east-1"),
    AWS_US_GOV("aws-us-gov", "us-gov-west-1"),
    AWS_CN("aws-cn", "cn-northwest-1");

    private final String id;
    private final String homeRegion;

    Partition(String id, String homeRegion) {
        this.id = id;
        this.homeRegion = homeRegion;
    }

    /** As ARNs write it. */
    public String id() {
        return id;
    }

    /**
     * Where the partition's global services answer: AWS Organizations (us-east-1, us-gov-west-1, cn-northwest-1),
     * and, unless told otherwise, the hub's STS calls.
     */
    public String homeRegion() {
        return homeRegion;
    }

    /** The partition of a region the AWS SDK knows, if eksfleet scans it. */
    public static Optional<Partition> ofRegion(String region) {
        return named(ClusterArn.partitionOf(region));
    }

    public static Optional<Partition> named(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** {@code aws, aws-us-gov, aws-cn}. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Partition::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
