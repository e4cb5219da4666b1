package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One cluster as a scan found it: everything a kubeconfig entry and an inventory record need. The
 * certificate authority data is the cluster's public CA certificate, not a secret.
 *
 * @param authenticationMode how the cluster authenticates IAM principals; null where AWS did not say
 * @param kubernetesAccess what {@code roleName} may do in the cluster as its access entries tell; null where the scan
 *     did not look
 * @param otherRoles the scan's other roles in the account, each with what it may do here (without an answer where the
 *     scan did not look): each gets kubeconfig entries of its own
 */
public record ClusterRecord(String arn, String name, String accountId, String accountName, String roleName,
                            String region, String endpoint, String certificateAuthorityData, String version,
                            String platformVersion, String status, Map<String, String> tags, Instant createdAt,
                            AuthenticationMode authenticationMode, KubernetesAccess kubernetesAccess,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KubernetesAccess> otherRoles) {

    public ClusterRecord {
        name = SharedStrings.of(name);
        accountId = SharedStrings.of(accountId);
        accountName = SharedStrings.of(accountName);
        roleName = SharedStrings.of(roleName);
        region = SharedStrings.of(region);
        version = SharedStrings.of(version);
        platformVersion = SharedStrings.of(platformVersion);
        status = SharedStrings.of(status);
        tags = SharedStrings.of(tags);
        otherRoles = otherRoles == null ? List.of() : List.copyOf(otherRoles);
    }

    /** A cluster whose access nobody looked up. */
    public ClusterRecord(String arn, String name, String accountId, String accountName, String roleName,
                         String region, String endpoint, String certificateAuthorityData, String version,
                         String platformVersion, String status, Map<String, String> tags, Instant createdAt) {
        this(arn, name, accountId, accountName, roleName, region, endpoint, certificateAuthorityData, version, platformVersion,
                status, tags, createdAt, null, null, List.of());
    }

    /** The same cluster with what its access look-up found. */
    public ClusterRecord withAccess(AuthenticationMode mode, KubernetesAccess access) {
        return withAccess(mode, access, otherRoles);
    }

    /** The same cluster with what its access look-up found for its role and the scan's other roles. */
    public ClusterRecord withAccess(AuthenticationMode mode, KubernetesAccess access, List<KubernetesAccess> others) {
        return new ClusterRecord(arn, name, accountId, accountName, roleName, region, endpoint, certificateAuthorityData, version,
                platformVersion, status, tags, createdAt, mode, access, others);
    }

    /**
     * The cluster once for each of the scan's roles, its own first: what a kubeconfig gets an entry for. A role's
     * access stays null where the scan did not look.
     */
    public List<ClusterRecord> perRole() {
        if (otherRoles.isEmpty()) {
            return List.of(this);
        }
        List<ClusterRecord> all = new java.util.ArrayList<>();
        all.add(withAccess(authenticationMode, kubernetesAccess, List.of()));
        for (KubernetesAccess other : otherRoles) {
            all.add(new ClusterRecord(arn, name, accountId, accountName, other.roleName(), region, endpoint, certificateAuthorityData,
                    version, platformVersion, status, tags, createdAt, authenticationMode, other.answer() == null ? null : other, List.of()));
        }
        return all;
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
