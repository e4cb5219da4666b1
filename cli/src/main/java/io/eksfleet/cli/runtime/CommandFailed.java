package io.eksfleet.cli.runtime;

/** A command that cannot go on; the message is one line that says why and what to do. */
public final class CommandFailed extends RuntimeException {
    public CommandFailed(String message) {
        super(message);
    }
}
