package io.eksfleet.inventory;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import java.time.Instant;
import java.util.Map;

/**
 * One cluster of the inventory on {@code eksfleet.clusters} (compacted, key: the cluster ARN): the cluster as
 * the last scan that saw it found it, and how that scan reached its account ({@code sso} or {@code hub}, with
 * {@code roleName}), so that a kubeconfig can be built from the inventory alone. A public contract
 * ({@code docs/schemas/eksfleet.clusters.schema.json}).
 */
public record InventoryRecord(int v, String arn, String name, String accountId, String accountName, String region,
                              String endpoint, String certificateAuthorityData, String kubernetesVersion,
                              String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                              String roleName, SsoSource sso, HubSource hub, String lastSeenScanId, Instant lastSeenAt) {

    public static final int VERSION = 1;

    public static InventoryRecord of(ClusterRecord c, SsoSource sso, HubSource hub, String scanId, Instant seenAt) {
        return new InventoryRecord(VERSION, c.arn(), c.name(), c.accountId(), c.accountName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt(),
                c.roleName(), sso, hub, scanId, seenAt);
    }

    /** The cluster as a scan reports it. */
    public ClusterRecord cluster() {
        return new ClusterRecord(arn, name, accountId, accountName, roleName, region, endpoint, certificateAuthorityData,
                kubernetesVersion, platformVersion, status, tags, createdAt);
    }
}
