package io.eksfleet.scan;

import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS calls one task attempt made: by operation, how many answers were throttling ones, and how many
 * calls were repeated within the attempt (see the README, "Retries").
 */
public record CallUsage(Map<String, Integer> calls, int throttled, int retried) {

    public static final CallUsage NONE = new CallUsage(Map.of(), 0, 0);

    public CallUsage {
        calls = calls == null ? Map.of() : new TreeMap<>(calls);
    }
}
