package io.eksfleet.worker;

import io.eksfleet.resilience.Backoff;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;

/**
 * How a worker makes one AWS call.
 *
 * @param attempts tries per call within one task attempt (the SDK itself makes one per try); throttling
 *     and transient failures are tried again after a short jittered backoff. Default 3.
 * @param backoff the first in-task backoff, doubled each time. Default 100 ms.
 * @param timeout the longest one try may take (the SDK's attempt timeout). Default: the preset's call timeout.
 */
public record CallPolicy(int attempts, Duration backoff, Duration timeout) {

    public CallPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a call needs at least 1 attempt");
        }
    }

    /** The in-task retry of a worker's calls: {@code attempts} tries, {@link Backoff} from {@code backoff}. */
    Retry retry() {
        return new Backoff(backoff).retry("eksfleet-calls", attempts);
    }
}
