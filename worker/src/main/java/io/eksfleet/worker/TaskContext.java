package io.eksfleet.worker;

import io.eksfleet.scan.CallUsage;
import java.util.Map;
import java.util.TreeMap;

/** What one task attempt did: its AWS calls by operation, the throttling answers, the repeated calls. */
final class TaskContext {

    private final Map<String, Integer> calls = new TreeMap<>();
    private int throttled;
    private int retried;

    synchronized void called(String operation) {
        calls.merge(operation, 1, Integer::sum);
    }

    synchronized void throttled() {
        throttled++;
    }

    synchronized void retried() {
        retried++;
    }

    synchronized CallUsage usage() {
        return new CallUsage(calls, throttled, retried);
    }
}
