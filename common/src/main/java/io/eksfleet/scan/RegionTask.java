package io.eksfleet.scan;

/** List every cluster of one account in one region. Key: {@code accountId/region}. */
public record RegionTask(int v, String scanId, String accountId, String accountName, String roleName,
                         SsoSource sso, String region) implements StageTask {

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

    @Override
    public String missingField() {
        return StageTask.firstMissing("scanId", scanId, "accountId", accountId, "roleName", roleName, "sso", sso,
                "sso.startUrl", sso == null ? null : sso.startUrl(), "sso.region", sso == null ? null : sso.region(),
                "region", region);
    }
}
