package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.Organization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One organisation version with the look-ups the services need, built once per version. */
final class OrgIndex {

    final Organization org;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, List<Cluster>> clustersByAccountRegion = new HashMap<>();
    private final Map<String, byte[]> descriptions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Organization.OrgCluster> served = new HashMap<>();

    OrgIndex(Organization org) {
        this.org = org;
        for (Account account : org.accounts()) {
            accounts.put(account.id(), account);
            for (Cluster cluster : account.clusters()) {
                clustersByAccountRegion.computeIfAbsent(account.id() + "/" + cluster.region(), k -> new ArrayList<>()).add(cluster);
                if (cluster.endpoint() != null) {
                    served.put(endpointId(cluster), new Organization.OrgCluster(account, cluster, org.partition()));
                }
            }
        }
        clustersByAccountRegion.values().forEach(list -> list.sort(Comparator.comparing(Cluster::name)));
    }

    Optional<Account> account(String id) {
        return Optional.ofNullable(id == null ? null : accounts.get(id));
    }

    /** Clusters of one account and region, sorted by name (the order ListClusters pages through). */
    List<Cluster> clusters(String accountId, String region) {
        return clustersByAccountRegion.getOrDefault(accountId + "/" + region, List.of());
    }

    /** The DescribeCluster answer of a cluster, rendered once per organisation version. */
    byte[] description(String arn, java.util.function.Supplier<byte[]> render) {
        return descriptions.computeIfAbsent(arn, k -> render.get());
    }

    /** The cluster whose modelled endpoint has this id (its first label), if it has an endpoint. */
    Optional<Organization.OrgCluster> servedCluster(String id) {
        return Optional.ofNullable(served.get(id));
    }

    /** The id in a modelled endpoint {@code https://ID.CELL.REGION.eks.amazonaws.com}. */
    static String endpointId(Cluster cluster) {
        String endpoint = cluster.endpoint();
        return endpoint.substring(endpoint.indexOf("://") + 3, endpoint.indexOf('.'));
    }

    boolean isManagementAccount(String accountId) {
        return org.managementAccountId().equals(accountId);
    }
}
