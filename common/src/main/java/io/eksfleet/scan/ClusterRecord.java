package io.eksfleet.scan;

import java.time.Instant;
import java.util.Map;

/**
 * One cluster as a scan found it: everything a kubeconfig entry and an inventory record need. The
 * certificate authority data is the cluster's public CA certificate, not a secret.
 */
public record ClusterRecord(String arn, String name, String accountId, String accountName, String roleName,
                            String region, String endpoint, String certificateAuthorityData, String version,
                            String platformVersion, String status, Map<String, String> tags, Instant createdAt) {

    /** Whether {@code aws eks update-kubeconfig} would accept it: only ACTIVE and UPDATING clusters. */
    public boolean reachable() {
        return ("ACTIVE".equals(status) || "UPDATING".equals(status)) && endpoint != null;
    }
}
