package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An EKS access entry: the IAM principal it admits (a role's ARN with its path, or a user's), its type
 * ({@code STANDARD}, or {@code EC2_LINUX} for a node role), the Kubernetes username and groups it maps to and
 * the access policies associated with it. {@code username} null means EKS's default for the principal;
 * {@code createdAt} null means the cluster's.
 */
public record AccessEntry(
        String principalArn,
        String type,
        String username,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> kubernetesGroups,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AccessPolicy> policies,
        Instant createdAt) {

    public static final String STANDARD = "STANDARD";
    public static final String EC2_LINUX = "EC2_LINUX";

    public AccessEntry {
        Objects.requireNonNull(principalArn, "principalArn");
        type = type == null ? STANDARD : type;
        kubernetesGroups = kubernetesGroups == null ? List.of() : List.copyOf(kubernetesGroups);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** A STANDARD entry with these policies and nothing else. */
    public static AccessEntry standard(String principalArn, List<AccessPolicy> policies) {
        return new AccessEntry(principalArn, STANDARD, null, List.of(), policies, null);
    }

    /**
     * The username EKS gives an entry when none was set: for a role, the session's assumed-role ARN with
     * {@code {{SessionName}}} (the role's path dropped, as assumed-role ARNs carry none); for a node role,
     * {@code system:node:{{EC2PrivateDNSName}}}; for a user, its ARN.
     */
    public String effectiveUsername() {
        if (username != null) {
            return username;
        }
        if (!type.equals(STANDARD)) {
            return "system:node:{{EC2PrivateDNSName}}";
        }
        int role = principalArn.indexOf(":role/");
        if (role < 0) {
            return principalArn;
        }
        String[] head = principalArn.split(":", 6);
        String name = principalArn.substring(principalArn.lastIndexOf('/') + 1);
        return "arn:" + head[1] + ":sts::" + head[4] + ":assumed-role/" + name + "/{{SessionName}}";
    }
}
