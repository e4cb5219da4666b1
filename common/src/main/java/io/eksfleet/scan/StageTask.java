package io.eksfleet.scan;

/** A task of one of the three stages: which stage, which account/region/cluster, and whether it is complete. */
public interface StageTask extends VersionedMessage {

    Stage stage();

    String accountId();

    /** The task's region, or null for an account task. */
    default String regionOrNull() {
        return null;
    }

    /** The task's cluster name, or null unless it is a cluster task. */
    default String clusterOrNull() {
        return null;
    }

    /** The SSO login the task's credentials come from, or null in hub mode. */
    SsoSource sso();

    /** The hub identity the task's credentials are assumed from, or null in SSO mode. */
    HubSource hub();

    /** Where account-wide calls go: the SSO region, or the hub's STS region. */
    default String homeRegion() {
        return sso() != null ? sso().region() : hub().region();
    }

    /** The id of the process whose own workers run the task, or null for the fleet's workers. */
    String workers();

    /** The first of these fields that is null or blank, by name; null when none is. */
    static String firstMissing(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value == null || value instanceof String s && s.isBlank()) {
                return (String) namesAndValues[i];
            }
        }
        return null;
    }

    /** Exactly one credential source, complete: {@code sso} with its start URL and region, or {@code hub} with its region. */
    static String missingAccess(SsoSource sso, HubSource hub) {
        if (sso == null && hub == null) {
            return "sso";
        }
        if (sso != null) {
            return firstMissing("sso.startUrl", sso.startUrl(), "sso.region", sso.region());
        }
        return firstMissing("hub.region", hub.region());
    }
}
