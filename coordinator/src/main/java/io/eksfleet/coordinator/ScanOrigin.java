package io.eksfleet.coordinator;

/**
 * Who asked for a scan, as a type: the {@code origin} of a request and its plan carries it on the wire (a
 * label, followed by a detail for events), and every decision that depends on it reads this instead of the string.
 */
public enum ScanOrigin {
    /** {@code eksfleet scan}. */
    COMMAND("cli"),
    /** An account's creation; the detail is the event's source. */
    ACCOUNT_EVENT("account-event:"),
    /** A look at a cluster's account and region after an EKS event; the detail is the event's name. */
    CLUSTER_EVENT("cluster-event:"),
    /** A reconcile round. */
    SCHEDULE("schedule"),
    /** Anything else a request may say. */
    OTHER("");

    private final String label;

    ScanOrigin(String label) {
        this.label = label;
    }

    /** The origin as written on a request. */
    public String label() {
        return label;
    }

    /** The origin as written on a request, with what started the scan. */
    public String label(String detail) {
        return label + detail;
    }

    /** Reads a request's or a plan's origin. */
    public static ScanOrigin of(String origin) {
        if (origin == null) {
            return OTHER;
        }
        for (ScanOrigin o : values()) {
            boolean detailed = o.label.endsWith(":");
            if (o != OTHER && (detailed ? origin.startsWith(o.label) : origin.equals(o.label))) {
                return o;
            }
        }
        return OTHER;
    }
}
