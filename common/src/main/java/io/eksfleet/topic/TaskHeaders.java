package io.eksfleet.topic;

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
        String text = new String(header.value(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && i < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    public static int getInt(Headers headers, String name, int fallback) {
        String value = get(headers, name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
