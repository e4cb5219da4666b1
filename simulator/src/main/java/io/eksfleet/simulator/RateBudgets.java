package io.eksfleet.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's side of the rate budgets: one token bucket per budget key, keyed as AWS keys them
 * (SSO and Organizations: the organisation; EKS and EC2: account and region; STS: calling account).
 */
final class RateBudgets {

    enum Family { SSO, EKS, EC2, STS, ORGANIZATIONS }

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile RateLimits limits;

    RateBudgets(RateLimits limits) {
        this.limits = limits;
    }

    void limits(RateLimits newLimits) {
        this.limits = newLimits;
        buckets.clear();
    }

    RateLimits limits() {
        return limits;
    }

    /** True when the call fits its budget; false when AWS would throttle it. */
    boolean tryAcquire(Family family, String account, String region) {
        RateLimits l = limits;
        double rate;
        double capacity;
        String key;
        switch (family) {
            case SSO -> { rate = l.ssoRps(); capacity = l.ssoRps(); key = "sso"; }
            case ORGANIZATIONS -> { rate = l.organizationsRps(); capacity = l.organizationsRps(); key = "org"; }
            case EKS -> { rate = l.eksRps(); capacity = Math.max(1, l.eksBurst()); key = "eks/" + account + "/" + region; }
            case EC2 -> { rate = l.ec2RefillPerSecond(); capacity = Math.max(1, l.ec2Capacity()); key = "ec2/" + account + "/" + region; }
            case STS -> { rate = l.stsRps(); capacity = l.stsRps(); key = "sts/" + account; }
            default -> throw new IllegalStateException(family.name());
        }
        if (rate <= 0) {
            return true;
        }
        long now = System.nanoTime();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(Math.max(1, capacity), rate, now)).tryTake(now);
    }
}
