package io.eksfleet.scan;

/** Describe one cluster. Key: the cluster ARN. */
public record ClusterTask(int v, String scanId, String accountId, String accountName, String roleName,
                          SsoSource sso, String region, String clusterName) implements VersionedMessage {

    public String arn() {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + clusterName;
    }
}
