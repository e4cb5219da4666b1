package io.eksfleet.cli.worker;

import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.scan.Preset;
import io.eksfleet.worker.CallPolicy;
import io.eksfleet.worker.RetryPolicy;

/** How workers run, resolved from a preset and the options that override it. */
public record WorkerTuning(Preset preset, int maxInFlight, BudgetConfig budgets, CallPolicy calls, RetryPolicy retries) {
}
