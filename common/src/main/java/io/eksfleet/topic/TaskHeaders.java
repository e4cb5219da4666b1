package io.eksfleet.topic;

import io.eksfleet.scan.Printable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The record headers of retried and dead-lettered tasks. Values are UTF-8 text. */
public final class TaskHeaders {

    /** How many attempts came before this one (absent: none). */
    public static final String ATTEMPT = "eksfleet-attempt";
    /** Epoch milliseconds before which a retried task must not run. */
    public static final String NOT_BEFORE = "eksfleet-not-before";
    public static final String ERROR_CODE = "eksfleet-error-code";
    public static final String ERROR_MESSAGE = "eksfleet-error-message";
    /** Attempts made before the task was dead-lettered. */
    public static final String ATTEMPTS = "eksfleet-attempts";
    public static final String SCAN_ID = "eksfleet-scan-id";
    public static final String SOURCE_TOPIC = "eksfleet-source-topic";
    public static final String FAILED_AT = "eksfleet-failed-at";

    /** More attempts than any retry setting allows: a header beyond it was not written by eksfleet. */
    static final int MAX_ATTEMPTS = 1_000;

    /** The longest header text read: an AWS error message is a line. */
    static final int MAX_LENGTH = 1_000;

    private TaskHeaders() {
    }

    /**
     * The header's text, or null. Headers come from whoever could write the topic: control characters become {@code ?},
     * so that none reaches a terminal or a log as a command, and the text is cut at {@value #MAX_LENGTH} characters.
     */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return Printable.of(new String(header.value(), StandardCharsets.UTF_8), MAX_LENGTH);
    }

    /** The header as a whole number from 0 to {@code max}; {@code fallback} when it is absent or not such a number. */
    public static long getLong(Headers headers, String name, long fallback, long max) {
        String value = get(headers, name);
        try {
            long parsed = value == null ? fallback : Long.parseLong(value);
            return parsed < 0 || parsed > max ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@link #getLong} for counts of attempts, which are small. */
    public static int getInt(Headers headers, String name, int fallback) {
        return (int) getLong(headers, name, fallback, MAX_ATTEMPTS);
    }

    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
