package io.eksfleet.resilience;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * eksfleet's one retry policy, on Resilience4j: exponential backoff with jitter (attempt {@code n} waits
 * about {@code initial * 2^(n-1)}, randomised by half either way, so that retries of many tasks spread out),
 * and only failures that {@link Failures#classify} does not call permanent are tried again. The same
 * interval serves retries inside a task (a {@link Retry}) and retries of whole tasks through a retry topic
 * ({@link #before}).
 *
 * @param initial the wait before the first retry
 */
public record Backoff(Duration initial) {

    /** How far each wait is randomised, either way. */
    static final double JITTER = 0.5;

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("a backoff must be positive");
        }
    }

    /** Resilience4j's exponential random backoff from {@code initial}, doubling. */
    public IntervalFunction interval() {
        return IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, JITTER);
    }

    /** The wait before attempt {@code attempt} (1 for the first retry). */
    public Duration before(int attempt) {
        return Duration.ofMillis(interval().apply(Math.max(1, attempt)));
    }

    /**
     * A retry of at most {@code attempts} tries in all, for throttling and transient failures; a permanent
     * failure ends it at once.
     */
    public Retry retry(String name, int attempts) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(interval())
                .retryOnException(error -> Failures.classify(error) != Failures.Kind.PERMANENT)
                .failAfterMaxAttempts(false)
                .build());
    }
}
