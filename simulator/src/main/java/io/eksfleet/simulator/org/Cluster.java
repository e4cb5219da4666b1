package io.eksfleet.simulator.org;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One EKS cluster of an account. {@code endpoint} and {@code certificateAuthorityData} are null while a
 * cluster has none yet (CREATING, and FAILED before it ever came up), as in real DescribeCluster answers.
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
        Map<String, String> tags) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        // Sorted, so that the same organisation always serialises to the same bytes.
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public String arn(String accountId) {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + name;
    }
}
