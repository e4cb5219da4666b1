package io.eksfleet.inventory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cluster of the inventory on {@code eksfleet.clusters} (compacted, key: the cluster ARN): the cluster as
 * the last scan that saw it found it, and how that scan reached its account ({@code sso} or {@code hub}, with
 * {@code roleName}), so that a kubeconfig can be built from the inventory alone. {@code access} keeps every way
 * scans have reached the cluster, so that an SSO scan and a hub scan of the same fleet do not take the record
 * from each other. A public contract ({@code docs/schemas/eksfleet.clusters.schema.json}).
 *
 * @param lastAccess the last scan's way to the cluster, written flat ({@code roleName}, {@code sso}, {@code hub})
 */
public record InventoryRecord(int v, String arn, String name, String accountId, String accountName, String region,
                              String endpoint, String certificateAuthorityData, String kubernetesVersion,
                              String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                              @JsonUnwrapped Access lastAccess, String lastSeenScanId, Instant lastSeenAt,
                              List<Access> access, String lastSeenBy) {

    public static final int VERSION = 1;

    /** {@code lastSeenBy}: the last update came from a scan of the account, or from a cluster event. */
    public static final String BY_SCAN = "scan";
    public static final String BY_EVENT = "event";

    public InventoryRecord {
        access = access == null || access.isEmpty() ? List.of(lastAccess) : List.copyOf(access);
        lastSeenBy = lastSeenBy == null ? BY_SCAN : lastSeenBy;
    }

    /**
     * The record a scan writes: its way to the cluster (the scan's access with the role the cluster was found with)
     * replaces the same way in {@code earlier}, the other ways are kept in the order they first reached the cluster.
     */
    public static InventoryRecord of(ClusterRecord c, Access scan, String scanId, Instant seenAt, List<Access> earlier,
                                     String seenBy) {
        Access now = scan.withRole(c.roleName());
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
                now, scanId, seenAt, access, seenBy);
    }

    /**
     * The way a kubeconfig built from the inventory uses: the first SSO login that reached the cluster (its entries
     * work on any machine with that login), else the first hub role. The same for every writer, whichever scan ran last.
     */
    public Access preferred() {
        return access.stream().filter(Access::usesSso).findFirst().orElse(access.get(0));
    }

    /** The cluster as a scan reports it, reached the preferred way. */
    public ClusterRecord cluster() {
        return new ClusterRecord(arn, name, accountId, accountName, preferred().roleName(), region, endpoint, certificateAuthorityData,
                kubernetesVersion, platformVersion, status, tags, createdAt);
    }
}
