package io.eksfleet.events;

import io.eksfleet.scan.ClusterArn;
import io.eksfleet.topic.Decoded;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the records of {@code eksfleet.cluster-events}: EventBridge envelopes of EKS API calls as CloudTrail
 * records them ({@code source aws.eks}, {@code detail-type AWS API Call via CloudTrail}). The account is
 * {@code detail.recipientAccountId}, the region {@code detail.awsRegion}, the cluster
 * {@code detail.requestParameters.name} (or, for tags, the cluster ARN in {@code resourceArn}). Only those fields
 * are read; the schema is {@code docs/schemas/eksfleet.cluster-events.schema.json}.
 */
public final class ClusterEvents {

    /** The calls that create, change or delete a cluster as the inventory records it. */
    public static final Set<String> CHANGES = Set.of("CreateCluster", "DeleteCluster", "UpdateClusterVersion", "UpdateClusterConfig",
            "TagResource", "UntagResource");

    private ClusterEvents() {
    }

    public static ClusterEvent parse(Decoded value) {
        if (value.isPoison()) {
            return new ClusterEvent.Unreadable("unknown", value.poison());
        }
        JsonNode event = value.as(JsonNode.class);
        JsonNode detail = event.path("detail");
        String eventName = text(detail, "eventName");
        if (!"aws.eks".equals(text(event, "source")) || eventName == null) {
            return new ClusterEvent.Unreadable(String.valueOf(eventName), "not an EKS CloudTrail event (source aws.eks, detail.eventName)");
        }
        if (!CHANGES.contains(eventName)) {
            return new ClusterEvent.Unreadable(eventName, "eventName " + eventName + " changes no cluster");
        }
        String errorCode = text(detail, "errorCode");
        if (errorCode != null) {
            return new ClusterEvent.Failed(eventName, errorCode);
        }
        String account = text(detail, "recipientAccountId");
        String region = text(detail, "awsRegion");
        JsonNode request = detail.path("requestParameters");
        String name = text(request, "name");
        String resourceArn = text(request, "resourceArn");
        if (name == null && resourceArn != null) {
            name = ClusterArn.tryParse(resourceArn).map(ClusterArn::name).orElse(null);
        }
        if (account == null || !account.matches("\\d{12}") || region == null || name == null) {
            return new ClusterEvent.Unreadable(eventName, "no recipientAccountId, awsRegion or cluster name");
        }
        String eventId = text(detail, "eventID") != null ? text(detail, "eventID") : text(event, "id");
        return new ClusterEvent.Changed(eventName, eventId != null ? eventId : eventName + "/" + account + "/" + region + "/" + name,
                account, region, name);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
