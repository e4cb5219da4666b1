package io.eksfleet.simulator;

import java.time.Duration;
import java.util.Set;

/**
 * Injected faults. Rates are fractions of calls, drawn independently per call.
 *
 * @param throttleRate calls throttled regardless of any budget (a throttle storm)
 * @param errorRate calls answered with the service's 500 or 503
 * @param slowRate calls delayed by {@code slowLatency} on top of the latency model (a slow tail)
 * @param slowLatency extra delay of a slow call
 * @param deniedAccounts accounts whose EKS and EC2 calls get AccessDenied
 * @param deniedRegions regions whose EKS and EC2 calls get AccessDenied, in every account
 */
public record FaultSettings(double throttleRate, double errorRate, double slowRate, Duration slowLatency,
                            Set<String> deniedAccounts, Set<String> deniedRegions) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, Duration.ZERO, Set.of(), Set.of());

    public FaultSettings {
        requireFraction(throttleRate, "throttle rate");
        requireFraction(errorRate, "error rate");
        requireFraction(slowRate, "slow rate");
        slowLatency = slowLatency == null ? Duration.ZERO : slowLatency;
        deniedAccounts = deniedAccounts == null ? Set.of() : Set.copyOf(deniedAccounts);
        deniedRegions = deniedRegions == null ? Set.of() : Set.copyOf(deniedRegions);
    }

    public FaultSettings withThrottleRate(double rate) {
        return new FaultSettings(rate, errorRate, slowRate, slowLatency, deniedAccounts, deniedRegions);
    }

    public FaultSettings withErrorRate(double rate) {
        return new FaultSettings(throttleRate, rate, slowRate, slowLatency, deniedAccounts, deniedRegions);
    }

    public FaultSettings withSlowCalls(double rate, Duration extra) {
        return new FaultSettings(throttleRate, errorRate, rate, extra, deniedAccounts, deniedRegions);
    }

    public FaultSettings withDeniedAccounts(Set<String> accounts) {
        return new FaultSettings(throttleRate, errorRate, slowRate, slowLatency, accounts, deniedRegions);
    }

    public FaultSettings withDeniedRegions(Set<String> regions) {
        return new FaultSettings(throttleRate, errorRate, slowRate, slowLatency, deniedAccounts, regions);
    }

    boolean denies(String account, String region) {
        return deniedAccounts.contains(account) || deniedRegions.contains(region);
    }

    private static void requireFraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
