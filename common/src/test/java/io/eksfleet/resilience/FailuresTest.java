package io.eksfleet.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.sso.SsoLoginRequiredException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eks.model.AccessDeniedException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

class FailuresTest {

    static AwsServiceException aws(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " said no").build()).build();
    }

    @Test
    void throttlingAndServerErrorsAreWorthAnotherTryAndRefusalsAreNot() {
        assertThat(Failures.classify(aws(429, "TooManyRequestsException"))).isEqualTo(Failures.Kind.THROTTLED);
        assertThat(Failures.classify(aws(400, "Throttling"))).isEqualTo(Failures.Kind.THROTTLED);
        assertThat(Failures.classify(aws(503, "RequestLimitExceeded"))).isEqualTo(Failures.Kind.THROTTLED);
        assertThat(Failures.classify(aws(500, "ServerException"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(aws(400, "RequestTimeout"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(AccessDeniedException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build()))
                .isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(ResourceNotFoundException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build()))
                .isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(aws(403, "ForbiddenException"))).isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(new SsoLoginRequiredException("run aws sso login"))).isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void brokenConnectionsAndTimeoutsAreTransientWhereverTheyAreWrapped() {
        assertThat(Failures.classify(new CompletionException(new IOException("connection reset")))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(ApiCallAttemptTimeoutException.create(2000))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(SdkClientException.create("unable to execute", new IOException("refused"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(SdkClientException.create("bad region"))).isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(new IllegalStateException("a bug"))).isEqualTo(Failures.Kind.PERMANENT);
    }

    @Test
    void codeAndMessageAreAwsOwnAndOneLine() {
        AwsServiceException denied = aws(403, "AccessDeniedException");
        assertThat(Failures.code(new CompletionException(denied))).isEqualTo("AccessDeniedException");
        assertThat(Failures.isAccessDenied(denied)).isTrue();
        assertThat(Failures.isAccessDenied(aws(500, "InternalFailure"))).isFalse();
        assertThat(Failures.message(denied)).isEqualTo("AccessDeniedException said no");
        assertThat(Failures.message(new IllegalStateException("first\nsecond"))).doesNotContain("\n");
    }
}
