package io.eksfleet.inventory;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cluster of the inventory on {@code eksfleet.clusters} (compacted, key: the cluster ARN): the cluster as
 * the last scan that saw it found it, and how that scan reached its account ({@code sso} or {@code hub}, with
 * {@code roleName}), so that a kubeconfig can be built from the inventory alone. {@code access} keeps every way
 * scans have reached the cluster, so that an SSO scan and a hub scan of the same fleet do not take the record
 * from each other. A public contract ({@code docs/schemas/eksfleet.clusters.schema.json}).
 */
public record InventoryRecord(int v, String arn, String name, String accountId, String accountName, String region,
                              String endpoint, String certificateAuthorityData, String kubernetesVersion,
                              String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                              String roleName, SsoSource sso, HubSource hub, String lastSeenScanId, Instant lastSeenAt,
                              List<Access> access, String lastSeenBy) {

    public static final int VERSION = 1;

    /**
     * One way to the cluster's account: an SSO login with a role, or the hub assuming a role.
     */
    public record Access(String roleName, SsoSource sso, HubSource hub) {

        /** The same way, whatever the record's other details: the login's start URL (or the hub) and the role. */
        boolean sameWay(Access other) {
            return Objects.equals(roleName, other.roleName) && (sso == null) == (other.sso == null)
                    && (sso == null || sso.startUrl().equals(other.sso.startUrl()));
        }
    }

    /** {@code lastSeenBy}: the last update came from a scan of the account, or from a cluster event. */
    public static final String BY_SCAN = "scan";
    public static final String BY_EVENT = "event";

    public InventoryRecord {
        access = access == null || access.isEmpty() ? List.of(new Access(roleName, sso, hub)) : List.copyOf(access);
        lastSeenBy = lastSeenBy == null ? BY_SCAN : lastSeenBy;
    }

    /**
     * The record a scan writes: its way to the cluster replaces the same way in {@code earlier}, the other ways
     * are kept in the order they first reached the cluster.
     */
    public static InventoryRecord of(ClusterRecord c, SsoSource sso, HubSource hub, String scanId, Instant seenAt, List<Access> earlier,
                                     String seenBy) {
        Access now = new Access(c.roleName(), sso, hub);
        List<Access> access = new ArrayList<>(earlier);
        int same = -1;
        for (int i = 0; i < access.size() && same < 0; i++) {
            same = access.get(i).sameWay(now) ? i : -1;
        }
        if (same >= 0) {
            access.set(same, now);
        } else {
            access.add(now);
        }
        return new InventoryRecord(VERSION, c.arn(), c.name(), c.accountId(), c.accountName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt(),
                c.roleName(), sso, hub, scanId, seenAt, access, seenBy);
    }

    /**
     * The way a kubeconfig built from the inventory uses: the first SSO login that reached the cluster (its entries
     * work on any machine with that login), else the first hub role. The same for every writer, whichever scan ran last.
     */
    public Access preferred() {
        return access.stream().filter(a -> a.sso() != null).findFirst().orElse(access.get(0));
    }

    /** The cluster as a scan reports it, reached the preferred way. */
    public ClusterRecord cluster() {
        return new ClusterRecord(arn, name, accountId, accountName, preferred().roleName(), region, endpoint, certificateAuthorityData,
                kubernetesVersion, platformVersion, status, tags, createdAt);
    }
}
