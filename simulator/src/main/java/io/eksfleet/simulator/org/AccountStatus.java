package io.eksfleet.simulator.org;

/** The AWS Organizations account states the simulator models. */
public enum AccountStatus {
    ACTIVE, SUSPENDED, PENDING_CLOSURE
}
