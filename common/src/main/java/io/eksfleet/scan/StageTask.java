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

    /** Where the task's credentials come from, and the role (null in an account task whose role prefixes choose it). */
    Access access();

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
}
