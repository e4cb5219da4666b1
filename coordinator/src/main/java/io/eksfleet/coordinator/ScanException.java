package io.eksfleet.coordinator;

/** A scan that cannot run; the message is one line that says why and what to do. */
public class ScanException extends RuntimeException {
    public ScanException(String message) {
        super(message);
    }

    /** @param cause the long form, which {@code --verbose} prints after the one line */
    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
