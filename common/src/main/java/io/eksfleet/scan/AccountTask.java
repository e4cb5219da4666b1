package io.eksfleet.scan;

import java.util.List;

/**
 * Scan one account: get its credentials, decide its regions, publish one {@link RegionTask} per region.
 * Key: the account id.
 *
 * @param roleName the role to use, or null when {@code rolePrefixes} choose it
 * @param rolePrefixes tried in order; within a prefix, the alphabetically first matching role wins
 * @param sso the SSO login to use, or null in hub mode
 * @param hub the hub identity to assume the role from, or null in SSO mode
 * @param regions explicit region names, or empty to use {@code regionMode}
 * @param regionMode {@code enabled} (DescribeRegions without AllRegions) or {@code all} (every region in
 *     the partition, including ones the account has not opted into), used when {@code regions} is empty
 * @param accessRetryUntilMs until then (epoch ms) AccessDenied on the account's credentials is tried again
 *     rather than dead-lettered, because a new account's role takes minutes to become assumable; 0: never
 * @param workers whose workers run the task, as {@link ScanRequest#workers()}
 */
public record AccountTask(int v, String scanId, String accountId, String accountName, String roleName,
                          List<String> rolePrefixes, SsoSource sso, HubSource hub, List<String> regions,
                          String regionMode, long accessRetryUntilMs, String workers)
        implements StageTask {

    @Override
    public Stage stage() {
        return Stage.ACCOUNTS;
    }
}
