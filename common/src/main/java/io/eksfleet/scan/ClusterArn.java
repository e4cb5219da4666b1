package io.eksfleet.scan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The ARN of an EKS cluster, {@code arn:PARTITION:eks:REGION:ACCOUNT:cluster/NAME}: the one place that builds
 * and reads them. Only what EKS itself can name is a value: a partition eksfleet knows ({@code aws},
 * {@code aws-cn}, {@code aws-us-gov}), a region of that partition, a 12-digit account and a cluster name as
 * EKS allows it (1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit).
 */
public record ClusterArn(String partition, String region, String accountId, String name) {

    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern ARN = Pattern.compile("arn:([^:]*):eks:([^:]*):([^:]*):cluster/(.*)", Pattern.DOTALL);

    public ClusterArn {
        if (partition == null || !PARTITIONS.contains(partition)) {
            throw new IllegalArgumentException("partition '" + Printable.of(partition) + "' is not one of aws, aws-cn, aws-us-gov");
        }
        String of = partitionOf(region);
        if (of == null) {
            throw new IllegalArgumentException("'" + Printable.of(region) + "' is not an AWS region");
        }
        if (!of.equals(partition)) {
            throw new IllegalArgumentException("region " + region + " is in the " + of + " partition, not " + partition);
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account '" + Printable.of(accountId) + "' is not 12 digits");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cluster name '" + Printable.of(name) + "' is not an EKS cluster name "
                    + "(1-100 letters, digits, - and _, starting with a letter or digit)");
        }
    }

    /** The ARN of a cluster in {@code region}'s partition. */
    public static ClusterArn of(String region, String accountId, String name) {
        String partition = partitionOf(region);
        return new ClusterArn(partition != null ? partition : "aws", region, accountId, name);
    }

    /** Reads an ARN; a message saying what is wrong with it otherwise. */
    public static ClusterArn parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + Printable.of(arn) + "' is not an EKS cluster ARN (arn:aws:eks:REGION:ACCOUNT:cluster/NAME)");
        }
        return new ClusterArn(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /** The ARN, or empty for anything that is not one. */
    public static Optional<ClusterArn> tryParse(String arn) {
        try {
            return Optional.of(parse(arn));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The partition ({@code aws}, ...) of a region the SDK knows; null for anything else. */
    public static String partitionOf(String region) {
        return region == null ? null : PARTITION_OF.get(region);
    }

    /**
     * Every region the SDK knows, with its partition, worked out once: names, tasks and events ask on every record.
     * The partition's regex leaves out the SDK's pseudo regions (aws-global, aws-cn-global) that no cluster is in.
     */
    private static final Map<String, String> PARTITION_OF = Region.regions().stream()
            .filter(r -> REGION.matcher(r.id()).matches() && RegionMetadata.of(r) != null)
            .filter(r -> r.id().matches(RegionMetadata.of(r).partition().regionRegex()))
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Region::id, r -> RegionMetadata.of(r).partition().id()));

    /** The DNS suffix of the partition's service endpoints: {@code amazonaws.com}, {@code amazonaws.com.cn}. */
    public String dnsSuffix() {
        return PartitionMetadata.of(partition).dnsSuffix();
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":eks:" + region + ":" + accountId + ":cluster/" + name;
    }
}
