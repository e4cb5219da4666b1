package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** List every cluster of one account in one region. Key: {@code accountId/region}. */
public record RegionTask(int v, String scanId, String accountId, String accountName, @JsonUnwrapped Access access,
                         String region, String workers) implements StageTask {

    public String key() {
        return accountId + "/" + region;
    }

    @Override
    public Stage stage() {
        return Stage.REGIONS;
    }

    @Override
    public String regionOrNull() {
        return region;
    }
}
