package io.eksfleet.scan;

import java.util.Optional;

/**
 * How an EKS cluster authenticates IAM principals ({@code accessConfig.authenticationMode} of DescribeCluster): the
 * {@code aws-auth} ConfigMap alone, access entries and the ConfigMap, or access entries alone.
 */
public enum AuthenticationMode {
    CONFIG_MAP, API_AND_CONFIG_MAP, API;

    /** Whether EKS access entries grant access to this cluster, so that asking for them answers something. */
    public boolean readsAccessEntries() {
        return this != CONFIG_MAP;
    }

    /** Whether an access entry is the only way in: a role without one cannot authenticate. */
    public boolean onlyAccessEntries() {
        return this == API;
    }

    /** The mode AWS named, or empty for a value this build does not know (read as "unknown", never a failure). */
    public static Optional<AuthenticationMode> parse(String value) {
        for (AuthenticationMode mode : values()) {
            if (mode.name().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
