package io.eksfleet.simulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every served operation goes through once it knows who is calling: the injected throttle storm, the
 * rate budget, and the injected 5xx, in that order.
 */
final class Gate {

    /** How one service says "throttled" and "server error" (true: 503, false: 500) on the wire. */
    record Answers(Supplier<ApiError> throttled, java.util.function.Function<Boolean, ApiError> serverError) {
    }

    private final RateBudgets budgets;
    private final AtomicReference<FaultSettings> faults;

    Gate(RateBudgets budgets, AtomicReference<FaultSettings> faults) {
        this.budgets = budgets;
        this.faults = faults;
    }

    void admit(Call call, RateBudgets.Family family, Answers answers) {
        FaultSettings f = faults.get();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (f.throttleRate() > 0 && random.nextDouble() < f.throttleRate()) {
            throw answers.throttled().get();
        }
        if (!budgets.tryAcquire(family, call.account, call.region)) {
            throw answers.throttled().get();
        }
        if (f.errorRate() > 0 && random.nextDouble() < f.errorRate()) {
            throw answers.serverError().apply(random.nextBoolean());
        }
    }

    FaultSettings faults() {
        return faults.get();
    }
}
