package io.eksfleet.simulator.org;

/** Every value of the EKS {@code Cluster.status} enum. */
public enum ClusterStatus {
    CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING
}
