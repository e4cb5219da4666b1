package io.eksfleet.budget;

/**
 * One API family's budgets at a moment: the configured rate per key, how many keys were used, the lowest rate a
 * throttled key fell to, and the throttling answers. The components are in alphabetical order, the order of the
 * report's JSON.
 */
public record BudgetSnapshot(double configuredRps, int keys, double lowestRps, long throttled) {

    /** A family no call has used yet: its configured rate, no key, no throttling. */
    static BudgetSnapshot unused(double rate) {
        return new BudgetSnapshot(rate, 0, rate, 0);
    }

    /** Both snapshots together (of two keys, or two workers): the lower of the lowest rates, keys and throttling added. */
    public BudgetSnapshot plus(BudgetSnapshot other) {
        return new BudgetSnapshot(configuredRps, keys + other.keys, Math.min(lowestRps, other.lowestRps), throttled + other.throttled);
    }
}
