package io.eksfleet.worker;

import io.eksfleet.resilience.Backoff;
import io.eksfleet.resilience.Failures;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.StageTask;
import java.time.Duration;

/**
 * How often a failed task is tried again through its stage's retry topic, and when.
 *
 * @param retries attempts after the first; the preset's figure (default 3)
 * @param backoff the first delay; attempt n waits about {@code backoff * 2^(n-1)}, randomised by half either way ({@link Backoff})
 * @param taskTimeout the longest one task attempt may take, all its calls and pages included
 */
public record RetryPolicy(int retries, Duration backoff, Duration taskTimeout) {

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
    }

    /**
     * Whether a task whose attempt {@code attempt} (0 for the first) failed with {@code error} goes to its
     * retry topic; otherwise it goes to the dead letters. Throttling and transient failures are tried again
     * up to {@link #retries}; a permanent one is not, except AccessDenied for a new account within its window.
     */
    boolean retries(StageTask task, Throwable error, int attempt, long nowMs) {
        return (Failures.classify(error) != Failures.Kind.PERMANENT && attempt < retries) || awaitingAccess(task, error, nowMs);
    }

    /** A new account's role is often not assumable for minutes: its scan waits within the account's window. */
    boolean awaitingAccess(StageTask task, Throwable error, long nowMs) {
        return task instanceof AccountTask account && account.accessRetryUntilMs() > nowMs && Failures.isAccessDenied(error);
    }

    /** The longest wait between two tries of an account whose role is not assumable yet. */
    static final Duration MAX_ACCESS_DELAY = Duration.ofMinutes(1);

    /**
     * The delay before attempt {@code attempt} of an account whose role answered AccessDenied: growing as
     * {@link #delayBefore} does, at most {@link #MAX_ACCESS_DELAY}, and never past the account's window, so
     * the last try comes when the window closes.
     */
    Duration accessDelayBefore(int attempt, long untilMs, long nowMs) {
        long delay = Math.min(delayBefore(attempt).toMillis(), MAX_ACCESS_DELAY.toMillis());
        return Duration.ofMillis(Math.max(0, Math.min(delay, untilMs - nowMs)));
    }

    /** The delay before attempt {@code attempt} (1 for the first retry): eksfleet's one {@link Backoff}. */
    Duration delayBefore(int attempt) {
        return new Backoff(backoff).before(attempt);
    }
}
