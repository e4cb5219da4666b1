package io.eksfleet.events;

/** What an EKS event on {@code eksfleet.cluster-events} says, once read. */
public sealed interface ClusterEvent {

    /** The EKS API call that CloudTrail recorded, e.g. {@code CreateCluster}; {@code unknown} when unreadable. */
    String eventName();

    /** A cluster that changed (or is changing) in the account and region: look at them again. */
    record Changed(String eventName, String eventId, String accountId, String region, String clusterName) implements ClusterEvent {
    }

    /** A call that AWS refused ({@code errorCode} set): nothing changed. */
    record Failed(String eventName, String errorCode) implements ClusterEvent {
    }

    /** Not an event eksfleet reads; {@code reason} says which part is missing or wrong. */
    record Unreadable(String eventName, String reason) implements ClusterEvent {
    }
}
