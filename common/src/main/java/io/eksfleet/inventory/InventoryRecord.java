package io.eksfleet.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.scan.SharedStrings;
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
 * @param authenticationMode how the cluster authenticates IAM principals, as the last scan that looked found it
 * @param kubernetesAccess per role, what its access entries let the role do, as the last scan with that role found it
 */
public record InventoryRecord(int v, String arn, String name, String accountId, String accountName, String region,
                              String endpoint, String certificateAuthorityData, String kubernetesVersion,
                              String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                              @JsonUnwrapped Access lastAccess, String lastSeenScanId, Instant lastSeenAt,
                              List<Access> access, String lastSeenBy, AuthenticationMode authenticationMode,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KubernetesAccess> kubernetesAccess) {

    public static final int VERSION = 1;

    /** {@code lastSeenBy}: the last update came from a scan of the account, or from a cluster event. */
    public static final String BY_SCAN = "scan";
    public static final String BY_EVENT = "event";

    public InventoryRecord {
        name = SharedStrings.of(name);
        accountId = SharedStrings.of(accountId);
        accountName = SharedStrings.of(accountName);
        region = SharedStrings.of(region);
        kubernetesVersion = SharedStrings.of(kubernetesVersion);
        platformVersion = SharedStrings.of(platformVersion);
        status = SharedStrings.of(status);
        tags = SharedStrings.of(tags);
        lastSeenScanId = SharedStrings.of(lastSeenScanId);
        lastSeenBy = SharedStrings.of(lastSeenBy);
        Access last = lastAccess;
        access = access == null || access.isEmpty() ? List.of(lastAccess)
                : List.copyOf(access).stream().map(a -> a.equals(last) ? last : a).toList();
        lastSeenBy = lastSeenBy == null ? BY_SCAN : lastSeenBy;
        kubernetesAccess = kubernetesAccess == null ? List.of() : List.copyOf(kubernetesAccess);
    }

    /**
     * The record a scan writes: its way to the cluster (the scan's access with the role the cluster was found with)
     * replaces the same way in {@code earlier}, the other ways are kept in the order they first reached the cluster.
     */
    public static InventoryRecord of(ClusterRecord c, Access scan, String scanId, Instant seenAt, List<Access> earlier,
                                     String seenBy) {
        return of(c, scan, scanId, seenAt, earlier, List.of(), seenBy);
    }

    /**
     * The record a scan writes over {@code earlier}: its way and, where it looked, its role's access replace the same in
     * the earlier record; the other roles' access is kept.
     */
    public static InventoryRecord of(ClusterRecord c, Access scan, String scanId, Instant seenAt, InventoryRecord earlier,
                                     String seenBy) {
        return earlier == null ? of(c, scan, scanId, seenAt, List.of(), List.of(), seenBy)
                : of(c, scan, scanId, seenAt, earlier.access(), earlier.kubernetesAccess(), seenBy);
    }

    private static InventoryRecord of(ClusterRecord c, Access scan, String scanId, Instant seenAt, List<Access> earlier,
                                      List<KubernetesAccess> earlierAccess, String seenBy) {
        Access now = scan.withRole(c.roleName());
        List<Access> access = new ArrayList<>(earlier);
        List<KubernetesAccess> roles = new ArrayList<>(earlierAccess);
        for (ClusterRecord role : c.perRole()) {
            Access way = java.util.Objects.equals(role.roleName(), now.roleName()) ? now : scan.withRole(role.roleName());
            int same = -1;
            for (int i = 0; i < access.size() && same < 0; i++) {
                same = access.get(i).sameWay(way) ? i : -1;
            }
            if (same >= 0) {
                access.set(same, way);
            } else {
                access.add(way);
            }
            if (role.kubernetesAccess() != null) {
                roles.removeIf(r -> r.roleName() != null && r.roleName().equals(role.roleName()));
                roles.add(role.kubernetesAccess());
            }
        }
        return new InventoryRecord(VERSION, c.arn(), c.name(), c.accountId(), c.accountName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt(),
                now, scanId, seenAt, access, seenBy, c.authenticationMode(), roles);
    }

    /**
     * The way a kubeconfig built from the inventory uses: the first SSO login that reached the cluster (its entries
     * work on any machine with that login), else the first hub role. The same for every writer, whichever scan ran last.
     */
    public Access preferred() {
        return access.stream().filter(Access::usesSso).findFirst().orElse(access.get(0));
    }

    /** The cluster as a scan reports it, reached the preferred way, with that role's access where a scan looked it up. */
    public ClusterRecord cluster() {
        String role = preferred().roleName();
        return new ClusterRecord(arn, name, accountId, accountName, role, region, endpoint, certificateAuthorityData,
                kubernetesVersion, platformVersion, status, tags, createdAt, authenticationMode, accessOf(role).orElse(null), List.of());
    }

    /** What a scan with {@code role} found it may do here. */
    public java.util.Optional<KubernetesAccess> accessOf(String role) {
        return kubernetesAccess.stream().filter(a -> java.util.Objects.equals(a.roleName(), role)).findFirst();
    }
}
