package io.eksfleet.scan;

/** Describe one cluster. Key: the cluster ARN. */
public record ClusterTask(int v, String scanId, String accountId, String accountName, String roleName,
                          SsoSource sso, HubSource hub, String region, String clusterName, String workers) implements StageTask {

    public String arn() {
        return ClusterArn.of(region, accountId, clusterName).toString();
    }

    @Override
    public Stage stage() {
        return Stage.CLUSTERS;
    }

    @Override
    public String regionOrNull() {
        return region;
    }

    @Override
    public String clusterOrNull() {
        return clusterName;
    }
}
