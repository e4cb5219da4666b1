package io.eksfleet.cli.scan;

import io.eksfleet.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the in-process workers saw: the peak of AWS calls in flight, and per API family the configured
 * budget, the lowest rate a throttled key fell to, and the throttling answers.
 */
public record WorkerStats(int peakInFlight, Map<String, Map<String, Object>> budgets) {

    public static WorkerStats of(List<Worker> workers) {
        int peak = 0;
        Map<String, Map<String, Object>> budgets = new TreeMap<>();
        for (Worker worker : workers) {
            peak = Math.max(peak, worker.peakInFlight());
            worker.budgetSnapshot().forEach((family, row) -> budgets.merge(family, row, (a, b) -> {
                Map<String, Object> merged = new TreeMap<>(a);
                merged.put("lowestRps", Math.min((double) a.get("lowestRps"), (double) b.get("lowestRps")));
                merged.put("throttled", (long) a.get("throttled") + (long) b.get("throttled"));
                merged.put("keys", (int) a.get("keys") + (int) b.get("keys"));
                return merged;
            }));
        }
        return new WorkerStats(peak, budgets);
    }
}
