package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One EKS cluster of an account. {@code endpoint} and {@code certificateAuthorityData} are null while a
 * cluster has none yet (CREATING, and FAILED before it ever came up), as in real DescribeCluster answers.
 * {@code authenticationMode} defaults to {@code API_AND_CONFIG_MAP}, the mode of new clusters;
 * {@code accessEntries} are the cluster's EKS access entries, one per principal.
 */
public record Cluster(
        String name,
        String region,
        String version,
        String platformVersion,
        ClusterStatus status,
        Instant createdAt,
        String endpoint,
        String certificateAuthorityData,
        Map<String, String> tags,
        AuthenticationMode authenticationMode,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AccessEntry> accessEntries) {

    @JsonCreator
    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        // Sorted, so that the same organisation always serialises to the same bytes.
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
        authenticationMode = authenticationMode == null ? AuthenticationMode.API_AND_CONFIG_MAP : authenticationMode;
        accessEntries = accessEntries == null ? List.of() : List.copyOf(accessEntries);
    }

    /** A cluster in the default mode, without access entries. */
    public Cluster(String name, String region, String version, String platformVersion, ClusterStatus status, Instant createdAt,
                   String endpoint, String certificateAuthorityData, Map<String, String> tags) {
        this(name, region, version, platformVersion, status, createdAt, endpoint, certificateAuthorityData, tags, null, null);
    }

    /** The ARN in the {@code aws} partition. */
    public String arn(String accountId) {
        return arn(Partition.AWS, accountId);
    }

    public String arn(Partition partition, String accountId) {
        return partition.arn("eks", region, accountId, "cluster/" + name);
    }

    /** The access entry of exactly this principal ARN (a role's ARN with its path), if the cluster has one. */
    public Optional<AccessEntry> accessEntry(String principalArn) {
        return accessEntries.stream().filter(e -> e.principalArn().equals(principalArn)).findFirst();
    }

    /** The same cluster in another state; mode and access entries stay. */
    public Cluster with(String newVersion, ClusterStatus newStatus, String newEndpoint, String newAuthorityData) {
        return new Cluster(name, region, newVersion, platformVersion, newStatus, createdAt, newEndpoint, newAuthorityData, tags,
                authenticationMode, accessEntries);
    }

    public Cluster withAccess(AuthenticationMode mode, List<AccessEntry> entries) {
        return new Cluster(name, region, version, platformVersion, status, createdAt, endpoint, certificateAuthorityData, tags,
                mode, entries);
    }
}
