package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Describe one cluster. Key: the cluster ARN. */
public record ClusterTask(int v, String scanId, String accountId, String accountName, @JsonUnwrapped Access access,
                          String region, String clusterName, String workers) implements StageTask {

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
