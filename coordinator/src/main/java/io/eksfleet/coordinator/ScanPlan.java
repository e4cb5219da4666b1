package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.scan.VersionedMessage;
import java.util.List;

/**
 * One scan, as planned: the accounts to scan and how (role or role prefixes, regions), plus the accounts
 * that were asked for but are not visible to this login.
 */
public record ScanPlan(String scanId, SsoSource sso, String roleName, List<String> rolePrefixes,
                       List<PlannedAccount> accounts, List<String> notVisible, List<String> regions, String regionMode) {

    public record PlannedAccount(String id, String name) {
    }

    List<AccountTask> tasks() {
        return accounts.stream().map(a -> new AccountTask(VersionedMessage.VERSION, scanId, a.id(), a.name(), roleName,
                rolePrefixes, sso, regions, regionMode)).toList();
    }
}
