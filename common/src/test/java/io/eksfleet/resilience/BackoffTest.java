package io.eksfleet.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void eachWaitDoublesWithinHalfEitherWay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.before(1).toMillis()).isBetween(50L, 150L);
            assertThat(backoff.before(3).toMillis()).isBetween(200L, 600L);
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToLong(i -> backoff.before(2).toMillis()).distinct().count())
                .as("jittered").isGreaterThan(5);
    }

    @Test
    void aRetryTriesTransientFailuresUpToItsAttemptsAndPermanentOnesOnce() throws Throwable {
        Retry retry = new Backoff(Duration.ofMillis(1)).retry("test", 3);
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> retry.executeCheckedSupplier(() -> {
            tries.incrementAndGet();
            throw FailuresTest.aws(503, "ServiceUnavailable");
        })).hasMessageContaining("ServiceUnavailable");
        assertThat(tries).hasValue(3);

        tries.set(0);
        assertThatThrownBy(() -> retry.executeCheckedSupplier(() -> {
            tries.incrementAndGet();
            throw FailuresTest.aws(403, "AccessDeniedException");
        })).hasMessageContaining("AccessDeniedException");
        assertThat(tries).hasValue(1);

        tries.set(0);
        assertThat(retry.<String>executeCheckedSupplier(() -> {
            if (tries.incrementAndGet() < 2) {
                throw FailuresTest.aws(429, "TooManyRequestsException");
            }
            return "listed";
        })).isEqualTo("listed");
    }
}
