package io.eksfleet.worker;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code limit} AWS calls of one worker in flight. Calls over the limit wait in a queue instead of
 * blocking a thread, because they are started from SDK completion threads as often as from listener ones.
 */
final class InFlightLimit {

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private int peak;

    InFlightLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1");
        }
        this.limit = limit;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
                peak = Math.max(peak, running);
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /** Calls in flight now. */
    synchronized int running() {
        return running;
    }

    /** The most calls that were ever in flight at once. */
    synchronized int peak() {
        return peak;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
