package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a scan ended. On the results topic, in reports and in metric tags each status is its wire value
 * ({@code complete}, {@code completed-with-failures}, {@code timeout}, {@code error}).
 */
public enum ScanStatus {
    /** Every planned task closed, nothing failed, skipped or missing. */
    COMPLETE("complete"),
    /** Every task closed, but some failed, were skipped, or accounts asked for were not visible. */
    COMPLETED_WITH_FAILURES("completed-with-failures"),
    /** The scan's time ran out with tasks still open: a partial result. */
    TIMEOUT("timeout"),
    /** The scan could not be planned, so it never started. */
    ERROR("error");

    private final String wire;

    ScanStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ScanStatus of(String wire) {
        for (ScanStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("not a scan status: " + Printable.of(wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
