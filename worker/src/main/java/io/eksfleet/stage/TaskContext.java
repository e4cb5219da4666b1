package io.eksfleet.stage;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import io.eksfleet.scan.VersionedMessage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** The AWS calls one task made, by operation, and how a failure of it is reported. */
final class TaskContext {

    private final Map<String, Integer> calls = new TreeMap<>();

    synchronized void called(String operation) {
        calls.merge(operation, 1, Integer::sum);
    }

    synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    /** A failure event without secrets: the AWS error code and message, or the exception's kind. */
    ScanEvent.TaskFailed failure(Stage stage, String scanId, String accountId, String region, String clusterName, Throwable error) {
        Throwable cause = unwrap(error);
        String code;
        String message;
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            code = aws.awsErrorDetails().errorCode() != null ? aws.awsErrorDetails().errorCode() : "HTTP" + aws.statusCode();
            message = aws.awsErrorDetails().errorMessage() != null ? aws.awsErrorDetails().errorMessage() : "status " + aws.statusCode();
        } else {
            code = cause.getClass().getSimpleName();
            message = cause.getMessage() == null ? code : cause.getMessage();
        }
        int attempts = cause instanceof SdkException sdk && sdk.numAttempts() != null ? sdk.numAttempts() : 1;
        return new ScanEvent.TaskFailed(VersionedMessage.VERSION, scanId, stage, accountId, region, clusterName, code,
                oneLine(message), attempts, calls());
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
