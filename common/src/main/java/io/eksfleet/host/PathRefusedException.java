package io.eksfleet.host;

/** A file a person named that eksfleet will not read or write ({@link UserPath}); the message is one line that says what to do. */
public class PathRefusedException extends RuntimeException {
    public PathRefusedException(String message) {
        super(message);
    }
}
