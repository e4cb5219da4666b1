package io.eksfleet.cli.worker;

import io.eksfleet.budget.BudgetSnapshot;
import io.eksfleet.budget.Family;
import io.eksfleet.worker.Worker;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the in-process workers saw: the peak of AWS calls in flight, and per API family the configured
 * budget, the lowest rate a throttled key fell to, and the throttling answers.
 */
public record WorkerStats(int peakInFlight, Map<Family, BudgetSnapshot> budgets) {

    public static WorkerStats of(List<Worker> workers) {
        int peak = 0;
        Map<Family, BudgetSnapshot> budgets = new EnumMap<>(Family.class);
        for (Worker worker : workers) {
            peak = Math.max(peak, worker.peakInFlight());
            worker.budgetSnapshot().forEach((family, snapshot) -> budgets.merge(family, snapshot, BudgetSnapshot::plus));
        }
        return new WorkerStats(peak, budgets);
    }
}
