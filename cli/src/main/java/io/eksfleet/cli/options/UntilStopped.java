package io.eksfleet.cli.options;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of a long-running role (worker, coordinator): it runs until {@link #stop()} or SIGTERM / Ctrl-C,
 * and the JVM's shutdown waits (at most {@value #SHUTDOWN_SECONDS} s) until the role has wound down, so a
 * stop signal never ends the JVM under tasks that are still committing.
 */
public final class UntilStopped implements AutoCloseable {

    static final int SHUTDOWN_SECONDS = 30;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    public UntilStopped(String name) {
        hook = new Thread(this::stopAndWait, name + "-shutdown");
    }

    /** From now until {@link #close()}, a stop signal waits for the role to wind down. */
    public UntilStopped enter() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    public void await() throws InterruptedException {
        stopRequested.await();
    }

    /** Waits at most {@code timeout}; true once a stop was asked for. */
    public boolean awaitStop(java.time.Duration timeout) throws InterruptedException {
        return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopRequested.countDown();
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
