package io.eksfleet.simulator.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The organisation the simulator serves: its IAM Identity Center instance (start URL and region), its
 * management account with the hub principal, and its member accounts. Immutable: the simulator swaps
 * whole organisations, so a request always sees one consistent version.
 */
public record Organization(
        String organizationId,
        String managementAccountId,
        String ssoStartUrl,
        String ssoRegion,
        HubPrincipal hub,
        List<Account> accounts) {

    public Organization {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(managementAccountId, "managementAccountId");
        Objects.requireNonNull(ssoStartUrl, "ssoStartUrl");
        Objects.requireNonNull(ssoRegion, "ssoRegion");
        Objects.requireNonNull(hub, "hub");
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public Stream<OrgCluster> clusters() {
        return accounts.stream().flatMap(a -> a.clusters().stream().map(c -> new OrgCluster(a, c)));
    }

    public int clusterCount() {
        return accounts.stream().mapToInt(a -> a.clusters().size()).sum();
    }

    public Organization withAccounts(List<Account> newAccounts) {
        return new Organization(organizationId, managementAccountId, ssoStartUrl, ssoRegion, hub, newAccounts);
    }

    /** A copy with {@code change} applied to the account {@code accountId}; unknown ids are an error. */
    public Organization withAccount(String accountId, UnaryOperator<Account> change) {
        List<Account> changed = new ArrayList<>(accounts.size());
        boolean found = false;
        for (Account a : accounts) {
            if (a.id().equals(accountId)) {
                changed.add(change.apply(a));
                found = true;
            } else {
                changed.add(a);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no account " + accountId + " in the organisation");
        }
        return withAccounts(changed);
    }

    /** A copy without the cluster of that ARN, as if it had been deleted. */
    public Organization withoutCluster(String arn) {
        return withAccounts(accounts.stream()
                .map(a -> a.withClusters(a.clusters().stream().filter(c -> !c.arn(a.id()).equals(arn)).toList()))
                .toList());
    }

    /** A cluster together with the account that owns it. */
    public record OrgCluster(Account account, Cluster cluster) {
        public String arn() {
            return cluster.arn(account.id());
        }
    }
}
