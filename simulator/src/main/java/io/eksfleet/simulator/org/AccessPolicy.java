package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An EKS access policy associated with an access entry, by name ({@code AmazonEKSViewPolicy}), scoped to the
 * whole cluster (no namespaces) or to the namespaces listed.
 */
public record AccessPolicy(String policy, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> namespaces) {

    public static final String CLUSTER_ADMIN = "AmazonEKSClusterAdminPolicy";
    public static final String ADMIN = "AmazonEKSAdminPolicy";
    public static final String EDIT = "AmazonEKSEditPolicy";
    public static final String VIEW = "AmazonEKSViewPolicy";

    public AccessPolicy {
        Objects.requireNonNull(policy, "policy");
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }

    /** {@code cluster} or {@code namespace}, as AccessScope's type reads. */
    public String scopeType() {
        return namespaces.isEmpty() ? "cluster" : "namespace";
    }

    /** {@code arn:PARTITION:eks::aws:cluster-access-policy/NAME}. */
    public String policyArn(Partition partition) {
        return partition.arn("eks", "", "aws", "cluster-access-policy/" + policy);
    }
}
