package io.eksfleet.simulator.org;

/** An organisation file that cannot be read or breaks a rule; the message is one line that names the problem. */
public class InvalidOrgException extends RuntimeException {
    public InvalidOrgException(String message) {
        super(message);
    }
}
