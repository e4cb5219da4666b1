package io.eksfleet.cli.runtime;

/**
 * Ends the process as soon as a command's work is done, when the process runs that one command. Closing an
 * embedded broker, its clients and their threads in order takes seconds and serves nobody once the outputs
 * are written: the operating system frees all of it, and the next embedded broker removes the data directory
 * this one leaves ({@link EmbeddedBroker}). Commands run in a JVM that goes on (tests, a host application)
 * close everything as usual.
 */
public final class ProcessExit {

    private static volatile boolean enabled;

    private ProcessExit() {
    }

    /** Called by {@code main} only: this process ends with its command. */
    public static void enable() {
        enabled = true;
    }

    /** Whether this process ends with its command (and so need not close what the operating system frees). */
    static boolean endsWithCommand() {
        return enabled;
    }

    /** Exits now with {@code code} if this process ends with its command; otherwise returns. */
    public static void now(int code) {
        if (enabled) {
            System.out.flush();
            System.err.flush();
            System.exit(code);
        }
    }
}
