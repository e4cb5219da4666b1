package io.eksfleet.events;

import io.eksfleet.topic.Decoded;
import tools.jackson.databind.JsonNode;

/**
 * Reads the records of {@code eksfleet.account-events}: the EventBridge envelopes of AWS Organizations'
 * {@code CreateAccountResult} (CloudTrail service event: {@code detail.serviceEventDetails.createAccountStatus})
 * and AWS Control Tower's {@code CreateManagedAccount} lifecycle event
 * ({@code detail.serviceEventDetails.createManagedAccountStatus}), and eksfleet's minimal
 * {@code {"v":1,"accountId":"..."}}. Only the fields named here are read, other fields are allowed in every shape; the schema is
 * {@code docs/schemas/eksfleet.account-events.schema.json}.
 */
public final class AccountEvents {

    static final String ORGANIZATIONS = "aws.organizations";
    static final String CONTROL_TOWER = "aws.controltower";
    static final String EKSFLEET = "eksfleet";
    private static final String SUCCEEDED = "SUCCEEDED";

    private AccountEvents() {
    }

    /** An event as the account-events topic's reader decoded it. */
    public static AccountEvent parse(Decoded value) {
        if (value.isPoison()) {
            return new AccountEvent.Unreadable("unknown", value.poison());
        }
        JsonNode event = value.as(JsonNode.class);
        // EventBridge envelopes carry a detail; anything else is eksfleet's minimal event, whatever else it holds.
        if (!event.has("detail")) {
            return minimal(event);
        }
        String source = String.valueOf(text(event, "source"));
        JsonNode detail = event.path("detail");
        String eventName = text(detail, "eventName");
        return switch (source) {
            case ORGANIZATIONS -> "CreateAccountResult".equals(eventName)
                    ? organizations(detail.path("serviceEventDetails").path("createAccountStatus"))
                    : new AccountEvent.Unreadable(source, "eventName " + eventName + " is not CreateAccountResult");
            case CONTROL_TOWER -> "CreateManagedAccount".equals(eventName)
                    ? controlTower(detail.path("serviceEventDetails").path("createManagedAccountStatus"))
                    : new AccountEvent.Unreadable(source, "eventName " + eventName + " is not CreateManagedAccount");
            default -> new AccountEvent.Unreadable(source, "source " + source + " is neither aws.organizations nor aws.controltower");
        };
    }

    private static AccountEvent organizations(JsonNode status) {
        if (status.isMissingNode()) {
            return new AccountEvent.Unreadable(ORGANIZATIONS, "no detail.serviceEventDetails.createAccountStatus");
        }
        return outcome(ORGANIZATIONS, text(status, "state"), text(status, "accountId"), text(status, "accountName"),
                text(status, "failureReason"));
    }

    private static AccountEvent controlTower(JsonNode status) {
        if (status.isMissingNode()) {
            return new AccountEvent.Unreadable(CONTROL_TOWER, "no detail.serviceEventDetails.createManagedAccountStatus");
        }
        JsonNode account = status.path("account");
        return outcome(CONTROL_TOWER, text(status, "state"), text(account, "accountId"), text(account, "accountName"),
                text(status, "message"));
    }

    private static AccountEvent minimal(JsonNode event) {
        if (event.path("v").asInt(0) != 1) {
            return new AccountEvent.Unreadable(EKSFLEET, "neither an EventBridge event (no detail) nor {\"v\":1,\"accountId\":...}");
        }
        return outcome(EKSFLEET, SUCCEEDED, text(event, "accountId"), text(event, "accountName"), null);
    }

    private static AccountEvent outcome(String source, String state, String accountId, String accountName, String reason) {
        if (!SUCCEEDED.equals(state)) {
            return new AccountEvent.NotSucceeded(source, String.valueOf(state), accountName, reason);
        }
        if (accountId == null || !accountId.matches("\\d{12}")) {
            return new AccountEvent.Unreadable(source, "no 12-digit account id");
        }
        return new AccountEvent.Created(source, accountId, accountName != null ? accountName : accountId);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
