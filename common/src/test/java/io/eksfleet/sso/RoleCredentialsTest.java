package io.eksfleet.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.HubSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

class RoleCredentialsTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final HubSource HUB = new HubSource(null, "us-east-1");

    @Test
    void credentialsAreKeptForTheirHourAndDroppedOncePastIt() {
        Moving clock = new Moving();
        RoleCredentials credentials = new RoleCredentials(new SsoTokenCache(dir, clock), clock);
        AtomicInteger calls = new AtomicInteger();
        for (int account = 0; account < 100; account++) {
            credentials.assumed(HUB, String.format("%012d", account), "Reader", () -> assumeRole(clock, calls)).join();
        }
        credentials.assumed(HUB, String.format("%012d", 0), "Reader", () -> assumeRole(clock, calls)).join();
        assertThat(calls).as("the second use of an account is cached").hasValue(100);
        assertThat(credentials.size()).isEqualTo(100);

        clock.now = clock.now.plus(Duration.ofHours(2));
        credentials.assumed(HUB, "999999999999", "Reader", () -> assumeRole(clock, calls)).join();
        assertThat(credentials.size()).as("the expired ones are gone, the new one is kept").isEqualTo(1);
    }

    private static CompletableFuture<AssumeRoleResponse> assumeRole(Clock clock, AtomicInteger calls) {
        calls.incrementAndGet();
        return CompletableFuture.completedFuture(AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("AKIA")
                .secretAccessKey("secret").sessionToken("token").expiration(clock.instant().plus(Duration.ofHours(1))).build()).build());
    }
}
