package io.eksfleet.simulator.org;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The generator's authentication modes and access entries, drawn from a random source of their own. With mixed
 * modes about 70% of clusters are {@code API_AND_CONFIG_MAP}, 15% {@code API} and 15% {@code CONFIG_MAP}; from
 * {@value OrgGenerator#EVERY_STATUS_FROM} clusters on, the first three ACTIVE ones are an {@code API} cluster with
 * an entry for every role, an {@code API} cluster with none, and a {@code CONFIG_MAP} cluster, so every case is there.
 */
final class AccessDraws {

    private static final List<String> TEAM_NAMESPACES = List.of("apps", "team-a", "team-b", "batch");

    private final Random random;
    private final boolean mixed;
    private final boolean everyCase;
    private int forced;

    AccessDraws(Random random, OrgGenerator.Options options, int clusters) {
        this.random = random;
        this.mixed = options.mixedAuthentication();
        this.everyCase = mixed && clusters >= OrgGenerator.EVERY_STATUS_FROM;
    }

    Cluster apply(Cluster cluster, String accountId, Partition partition, String ssoRegion) {
        AuthenticationMode mode = AuthenticationMode.API_AND_CONFIG_MAP;
        Boolean everyRole = null;
        if (everyCase && forced < 3 && cluster.status() == ClusterStatus.ACTIVE) {
            mode = forced == 2 ? AuthenticationMode.CONFIG_MAP : AuthenticationMode.API;
            everyRole = forced == 0;
            forced++;
        } else if (mixed) {
            int draw = random.nextInt(20);
            mode = draw < 3 ? AuthenticationMode.API : draw < 6 ? AuthenticationMode.CONFIG_MAP : AuthenticationMode.API_AND_CONFIG_MAP;
        }
        if (!mode.usesAccessEntries()) {
            return cluster.withAccess(mode, List.of());
        }
        List<AccessEntry> entries = new ArrayList<>();
        entries.add(new AccessEntry(Organization.roleArn(partition, accountId, "eks-node-" + cluster.name()), AccessEntry.EC2_LINUX,
                null, List.of("system:nodes"), List.of(), null));
        for (String role : OrgGenerator.ROLES) {
            for (String principal : List.of(Organization.roleArn(partition, accountId, role),
                    Organization.ssoRoleArn(partition, ssoRegion, accountId, role))) {
                boolean has = random.nextInt(5) < 3;
                if (everyRole != null ? everyRole : has) {
                    entries.add(AccessEntry.standard(principal, policies(role)));
                }
            }
        }
        entries.sort(Comparator.comparing(AccessEntry::principalArn));
        return cluster.withAccess(mode, entries);
    }

    private List<AccessPolicy> policies(String role) {
        return switch (role) {
            case "AdministratorAccess" -> List.of(new AccessPolicy(AccessPolicy.CLUSTER_ADMIN, null));
            case "ReadOnly" -> random.nextBoolean()
                    ? List.of(new AccessPolicy(AccessPolicy.VIEW, null))
                    : List.of(new AccessPolicy(AccessPolicy.EDIT, List.of("default", TEAM_NAMESPACES.get(random.nextInt(TEAM_NAMESPACES.size())))),
                            new AccessPolicy(AccessPolicy.VIEW, null));
            default -> List.of(new AccessPolicy(AccessPolicy.VIEW, null));
        };
    }
}
