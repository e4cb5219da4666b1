package io.eksfleet.output;

/** An output file that cannot be read, trusted or written; the message is one line that says what to do. */
public class OutputException extends RuntimeException {
    public OutputException(String message) {
        super(message);
    }
}
