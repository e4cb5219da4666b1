package io.eksfleet.simulator.org;

import java.util.List;
import java.util.Objects;

/**
 * A member account: its roles (usable as SSO permission sets and as assumable IAM roles), the regions
 * enabled for it, and its clusters. {@code externalId}, when set, is required by AssumeRole into any of
 * its roles.
 */
public record Account(
        String id,
        String name,
        String email,
        AccountStatus status,
        List<String> roles,
        List<String> regions,
        String externalId,
        List<Cluster> clusters) {

    public Account {
        Objects.requireNonNull(id, "id");
        status = status == null ? AccountStatus.ACTIVE : status;
        roles = roles == null ? List.of() : List.copyOf(roles);
        regions = regions == null ? List.of() : List.copyOf(regions);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    public boolean hasRole(String roleName) {
        return roles.contains(roleName);
    }

    public boolean regionEnabled(String region) {
        return regions.contains(region);
    }

    public Account withClusters(List<Cluster> newClusters) {
        return new Account(id, name, email, status, roles, regions, externalId, newClusters);
    }

    public Account withRoles(List<String> newRoles) {
        return new Account(id, name, email, status, newRoles, regions, externalId, clusters);
    }
}
