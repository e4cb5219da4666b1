package io.eksfleet.simulator;

/** How the simulator answered a call. */
public enum Outcome {
    /** 2xx. */
    OK,
    /** A throttling answer, from a budget or an injected throttle storm. */
    THROTTLED,
    /** Authentication or authorisation refused: unknown or expired credentials, AccessDenied, No access. */
    DENIED,
    /** Anything else: injected 5xx, not found, invalid parameters. */
    ERROR;

    public String label() {
        return name().toLowerCase();
    }
}
