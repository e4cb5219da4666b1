package io.eksfleet.scan;

/**
 * The ARN of the IAM role eksfleet assumes in an account, {@code arn:PARTITION:iam::ACCOUNT:role/NAME}: the one
 * place that builds it. IAM is global within a partition, so the ARN names no region.
 */
public record RoleArn(String partition, String accountId, String roleName) {

    /** The role in the account of {@code cluster}, in the cluster's partition. */
    public static RoleArn inAccountOf(ClusterArn cluster, String roleName) {
        return new RoleArn(cluster.partition(), cluster.accountId(), roleName);
    }

    /** The role of an account reached from a hub whose STS calls go to {@code hubRegion}. */
    public static RoleArn fromHub(String hubRegion, String accountId, String roleName) {
        return new RoleArn(Partition.ofRegion(hubRegion).orElse(Partition.AWS).id(), accountId, roleName);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }
}
