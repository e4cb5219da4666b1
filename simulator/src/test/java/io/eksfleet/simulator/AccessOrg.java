package io.eksfleet.simulator;

import io.eksfleet.simulator.org.AccessEntry;
import io.eksfleet.simulator.org.AccessPolicy;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.AuthenticationMode;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small organisation with one ACTIVE cluster per access case, in the first account's first region:
 * {@code open} (API, entries for the ReadOnly SSO role and seven more), {@code closed} (API, the node role's entry
 * only), {@code legacy} (CONFIG_MAP) and {@code both} (API_AND_CONFIG_MAP, no entry for ReadOnly).
 */
final class AccessOrg {

    static final String ROLE = "ReadOnly";

    final Organization org;
    final Account account;
    final String region;
    final String ssoRole;

    AccessOrg(io.eksfleet.simulator.org.Partition partition) {
        Organization base = OrgGenerator.generate(3, 2, 0, 41, OrgGenerator.Options.DEFAULT.withPartition(partition));
        Account first = base.accounts().get(0);
        region = first.regions().get(0);
        ssoRole = base.ssoRoleArn(first.id(), ROLE);
        List<AccessEntry> open = new ArrayList<>();
        open.add(node(base, first, "open"));
        open.add(AccessEntry.standard(ssoRole, List.of(new AccessPolicy(AccessPolicy.VIEW, null),
                new AccessPolicy(AccessPolicy.EDIT, List.of("apps", "default")))));
        for (int i = 1; i <= 7; i++) {
            open.add(AccessEntry.standard(base.roleArn(first.id(), "team-" + i), List.of(new AccessPolicy(AccessPolicy.VIEW, null))));
        }
        List<Cluster> clusters = List.of(
                cluster("open", AuthenticationMode.API, open),
                cluster("closed", AuthenticationMode.API, List.of(node(base, first, "closed"))),
                cluster("legacy", AuthenticationMode.CONFIG_MAP, List.of()),
                cluster("both", AuthenticationMode.API_AND_CONFIG_MAP, List.of(node(base, first, "both"))));
        org = base.withAccount(first.id(), a -> a.withClusters(clusters));
        account = org.accounts().get(0);
    }

    Organization.OrgCluster cluster(String name) {
        return org.clusters().filter(c -> c.cluster().name().equals(name)).findFirst().orElseThrow();
    }

    private Cluster cluster(String name, AuthenticationMode mode, List<AccessEntry> entries) {
        return new Cluster(name, region, "1.32", "eks.3", ClusterStatus.ACTIVE, Instant.parse("2025-02-03T04:05:06.789Z"),
                "https://" + Integer.toHexString(name.hashCode()).toUpperCase() + "0123456789ABCDEF.gr7." + region + ".eks.amazonaws.com",
                "Q0EtREFUQQ==", Map.of(), mode, entries);
    }

    private static AccessEntry node(Organization org, Account account, String cluster) {
        return new AccessEntry(org.roleArn(account.id(), "eks-node-" + cluster), AccessEntry.EC2_LINUX, null, List.of("system:nodes"),
                List.of(), null);
    }
}
