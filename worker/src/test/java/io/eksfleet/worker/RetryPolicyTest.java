package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.SsoSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class RetryPolicyTest {

    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    static final SsoSource SSO = new SsoSource("https://d-1234567890.awsapps.com/start", "us-east-1", "s");
    static final long NOW = 1_000_000;

    static AwsServiceException aws(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    static RegionTask region() {
        return new RegionTask(1, "scan", "111111111111", "acct", Access.viaSso(SSO, "ReadOnly"), "us-east-1", null);
    }

    static AccountTask account(long accessRetryUntilMs) {
        return new AccountTask(1, "scan", "111111111111", "acct", Access.viaSso(SSO, "ReadOnly"), List.of(), List.of("us-east-1"), "list",
                accessRetryUntilMs, null);
    }

    @Test
    void throttledAndTransientFailuresGoToTheRetryTopicUntilTheRetriesAreSpent() {
        assertThat(POLICY.retries(region(), aws(429, "TooManyRequestsException"), 0, NOW)).isTrue();
        assertThat(POLICY.retries(region(), aws(503, "ServiceUnavailableException"), 2, NOW)).isTrue();
        assertThat(POLICY.retries(region(), aws(503, "ServiceUnavailableException"), 3, NOW)).as("retries spent").isFalse();
    }

    @Test
    void aPermanentFailureGoesStraightToTheDeadLetters() {
        assertThat(POLICY.retries(region(), aws(403, "AccessDeniedException"), 0, NOW)).isFalse();
        assertThat(POLICY.retries(region(), aws(404, "ResourceNotFoundException"), 0, NOW)).isFalse();
    }

    @Test
    void aNewAccountsDeniedRoleIsTriedAgainWithinItsWindowOnly() {
        assertThat(POLICY.retries(account(NOW + 60_000), aws(403, "AccessDenied"), 10, NOW)).isTrue();
        assertThat(POLICY.retries(account(NOW - 1), aws(403, "AccessDenied"), 0, NOW)).as("window closed").isFalse();
        assertThat(POLICY.retries(account(0), aws(403, "AccessDenied"), 0, NOW)).as("not a new account").isFalse();
        assertThat(POLICY.retries(account(NOW + 60_000), aws(404, "ResourceNotFoundException"), 0, NOW)).isFalse();
        assertThat(POLICY.accessDelayBefore(20, NOW + 5_000, NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(POLICY.accessDelayBefore(20, NOW + 600_000, NOW)).isEqualTo(RetryPolicy.MAX_ACCESS_DELAY);
    }
}
