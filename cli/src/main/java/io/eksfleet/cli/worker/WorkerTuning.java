package io.eksfleet.cli.worker;

import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.scan.Preset;
import io.eksfleet.worker.CallPolicy;
import io.eksfleet.worker.RetryPolicy;

/**
 * How workers run, resolved from a preset and the options that override it.
 *
 * @param accessEntries whether workers look up each cluster's access entries for the scan's role
 */
public record WorkerTuning(Preset preset, int maxInFlight, BudgetConfig budgets, CallPolicy calls, RetryPolicy retries,
                           boolean accessEntries) {
}
