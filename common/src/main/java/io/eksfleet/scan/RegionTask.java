package io.eksfleet.scan;

/** List every cluster of one account in one region. Key: {@code accountId/region}. */
public record RegionTask(int v, String scanId, String accountId, String accountName, String roleName,
                         SsoSource sso, String region) implements VersionedMessage {

    public String key() {
        return accountId + "/" + region;
    }
}
