package io.eksfleet.scan;

/** Describe one cluster. Key: the cluster ARN. */
public record ClusterTask(int v, String scanId, String accountId, String accountName, String roleName,
                          SsoSource sso, String region, String clusterName) implements StageTask {

    public String arn() {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + clusterName;
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

    @Override
    public String missingField() {
        return StageTask.firstMissing("scanId", scanId, "accountId", accountId, "roleName", roleName, "sso", sso,
                "sso.startUrl", sso == null ? null : sso.startUrl(), "sso.region", sso == null ? null : sso.region(),
                "region", region, "clusterName", clusterName);
    }
}
