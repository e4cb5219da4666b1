package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Scan one account: get its credentials, decide its regions, publish one {@link RegionTask} per region.
 * Key: the account id.
 *
 * @param access the SSO login or the hub identity, and the role to use, or a null role when {@code rolePrefixes} choose it
 * @param rolePrefixes tried in order; within a prefix, the alphabetically first matching role wins
 * @param regions explicit region names, or empty to use {@code regionMode}
 * @param regionMode {@code enabled} (DescribeRegions without AllRegions) or {@code all} (every region in
 *     the partition, including ones the account has not opted into), used when {@code regions} is empty
 * @param accessRetryUntilMs until then (epoch ms) AccessDenied on the account's credentials is tried again
 *     rather than dead-lettered, because a new account's role takes minutes to become assumable; 0: never
 * @param workers whose workers run the task, as {@link ScanRequest#workers()}
 */
public record AccountTask(int v, String scanId, String accountId, String accountName, @JsonUnwrapped Access access,
                          List<String> rolePrefixes, List<String> regions,
                          String regionMode, long accessRetryUntilMs, String workers)
        implements StageTask {

    @Override
    public Stage stage() {
        return Stage.ACCOUNTS;
    }
}
