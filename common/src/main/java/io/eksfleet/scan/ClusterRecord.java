package io.eksfleet.scan;

import java.time.Instant;
import java.util.Map;

/**
 * One cluster as a scan found it: everything a kubeconfig entry and an inventory record need. The
 * certificate authority data is the cluster's public CA certificate, not a secret.
 *
 * @param authenticationMode how the cluster authenticates IAM principals; null where AWS did not say
 * @param kubernetesAccess what {@code roleName} may do in the cluster as its access entries tell; null where the scan
 *     did not look
 */
public record ClusterRecord(String arn, String name, String accountId, String accountName, String roleName,
                            String region, String endpoint, String certificateAuthorityData, String version,
                            String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                            AuthenticationMode authenticationMode, KubernetesAccess kubernetesAccess) {

    /** A cluster whose access nobody looked up. */
    public ClusterRecord(String arn, String name, String accountId, String accountName, String roleName,
                         String region, String endpoint, String certificateAuthorityData, String version,
                         String platformVersion, String status, Map<String, String> tags, Instant createdAt) {
        this(arn, name, accountId, accountName, roleName, region, endpoint, certificateAuthorityData, version, platformVersion,
                status, tags, createdAt, null, null);
    }

    /** The same cluster with what its access look-up found. */
    public ClusterRecord withAccess(AuthenticationMode mode, KubernetesAccess access) {
        return new ClusterRecord(arn, name, accountId, accountName, roleName, region, endpoint, certificateAuthorityData, version,
                platformVersion, status, tags, createdAt, mode, access);
    }

    /** Whether access entries say its role cannot authenticate to it ({@code no}; {@code unknown} is not). */
    public boolean accessDenied() {
        return kubernetesAccess != null && kubernetesAccess.denied();
    }

    /** Whether {@code aws eks update-kubeconfig} would accept it: only ACTIVE and UPDATING clusters. */
    public boolean reachable() {
        return ("ACTIVE".equals(status) || "UPDATING".equals(status)) && endpoint != null;
    }
}
