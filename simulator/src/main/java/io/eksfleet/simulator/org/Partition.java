package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * An AWS partition: the first field of every ARN in it, the DNS suffix of its endpoints and its regions,
 * the ones enabled by default first. An organisation lives in one partition, as an AWS account and an IAM
 * Identity Center instance do (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
public enum Partition {
    AWS("aws", "amazonaws.com", "us-east-1",
            List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1",
                    "us-east-2", "us-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "ap-southeast-2",
                    "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ca-central-1", "sa-east-1"),
            List.of("af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                    "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1",
                    "me-central-1", "me-south-1", "mx-central-1")),
    AWS_US_GOV("aws-us-gov", "amazonaws.com", "us-gov-west-1", List.of("us-gov-west-1", "us-gov-east-1"), List.of()),
    AWS_CN("aws-cn", "amazonaws.com.cn", "cn-north-1", List.of("cn-north-1", "cn-northwest-1"), List.of());

    private final String id;
    private final String dnsSuffix;
    private final String homeRegion;
    private final List<String> defaultRegions;
    private final List<String> optInRegions;

    Partition(String id, String dnsSuffix, String homeRegion, List<String> defaultRegions, List<String> optInRegions) {
        this.id = id;
        this.dnsSuffix = dnsSuffix;
        this.homeRegion = homeRegion;
        this.defaultRegions = defaultRegions;
        this.optInRegions = optInRegions;
    }

    /** {@code aws}, {@code aws-us-gov}, {@code aws-cn}: the partition field of an ARN. */
    @JsonValue
    public String id() {
        return id;
    }

    /** {@code amazonaws.com} or {@code amazonaws.com.cn}: endpoints are {@code SERVICE.REGION.SUFFIX}. */
    public String dnsSuffix() {
        return dnsSuffix;
    }

    /** The region the generator puts an organisation's IAM Identity Center instance in. */
    public String homeRegion() {
        return homeRegion;
    }

    /** Every region of the partition, the ones enabled by default first. */
    public List<String> regions() {
        return java.util.stream.Stream.concat(defaultRegions.stream(), optInRegions.stream()).toList();
    }

    public boolean has(String region) {
        return defaultRegions.contains(region) || optInRegions.contains(region);
    }

    public boolean requiresOptIn(String region) {
        return optInRegions.contains(region);
    }

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}; region and account may be empty. */
    public String arn(String service, String region, String account, String resource) {
        return "arn:" + id + ":" + service + ":" + region + ":" + account + ":" + resource;
    }

    /** The partition of an id such as {@code aws-us-gov}; an unknown id is an error that lists the known ones. */
    @JsonCreator
    public static Partition of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown partition '" + id + "': use one of " + Arrays.stream(values()).map(Partition::id).toList()));
    }

    /** The partition a region belongs to, or null for a region the simulator does not know. */
    public static Partition ofRegion(String region) {
        return Arrays.stream(values()).filter(p -> p.has(region)).findFirst().orElse(null);
    }
}
