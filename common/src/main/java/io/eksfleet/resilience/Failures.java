package io.eksfleet.resilience;

import io.eksfleet.sso.SsoLoginRequiredException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which failures are worth another attempt. Throttling, 5xx, timeouts and broken connections pass; AWS
 * saying no (AccessDenied, ForbiddenException "No access", not found, unauthorised, invalid or expired
 * credentials, validation errors) does not, and neither does a missing SSO login.
 */
public final class Failures {

    /** Throttling, worth another try after a while, or final. */
    public enum Kind { THROTTLED, TRANSIENT, PERMANENT }

    private static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "RequestTimeoutException",
            "PriorRequestNotComplete", "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");

    private Failures() {
    }

    public static Kind classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AwsServiceException aws) {
            if (aws.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            return aws.statusCode() >= 500 || TRANSIENT_CODES.contains(code) ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        if (cause instanceof SsoLoginRequiredException) {
            return Kind.PERMANENT;
        }
        if (cause instanceof ApiCallAttemptTimeoutException || cause instanceof ApiCallTimeoutException
                || cause instanceof TimeoutException || cause instanceof IOException || cause instanceof UncheckedIOException) {
            return Kind.TRANSIENT;
        }
        if (cause instanceof SdkClientException sdk) {
            return hasCause(sdk, IOException.class) || hasCause(sdk, TimeoutException.class) ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        return Kind.PERMANENT;
    }

    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "AccessDeniedException", "ForbiddenException",
            "UnauthorizedOperation", "UnauthorizedException");

    /** AWS said no to these credentials or this role: a new account's role says so until it is provisioned. */
    public static boolean isAccessDenied(Throwable error) {
        return DENIED_CODES.contains(code(error));
    }

    /** The AWS error code, or the exception's kind. */
    public static String code(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        if (cause instanceof AwsServiceException aws) {
            return "HTTP" + aws.statusCode();
        }
        return cause.getClass().getSimpleName();
    }

    /** One line, no secrets: AWS's own message (it names principals and resources, never keys or tokens). */
    public static String message(Throwable error) {
        Throwable cause = unwrap(error);
        String text;
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null) {
            text = aws.awsErrorDetails().errorMessage();
        } else {
            text = cause.getMessage() == null ? code(error) : cause.getMessage();
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
