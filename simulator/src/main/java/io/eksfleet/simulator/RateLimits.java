package io.eksfleet.simulator;

/**
 * The request budgets the simulator enforces, keyed the way AWS keys them. A rate of 0 means no limit.
 *
 * @param ssoRps IAM Identity Center portal, one budget for the organisation (published: 20 TPS); burst = 1 s
 * @param eksRps EKS reads per account and region; no published figure, so an assumption
 * @param eksBurst EKS bucket size per account and region (assumption)
 * @param ec2Capacity EC2 non-mutating actions: bucket size per account and region (published: 100)
 * @param ec2RefillPerSecond EC2 non-mutating actions: refill per second (published: 20)
 * @param stsRps STS per calling account (assumption); burst = 1 s
 * @param organizationsRps Organizations API for the organisation (assumption); burst = 1 s
 */
public record RateLimits(double ssoRps, double eksRps, int eksBurst, int ec2Capacity, double ec2RefillPerSecond,
                         double stsRps, double organizationsRps) {

    /** SSO 20 rps, EKS 10 rps burst 20, EC2 100 refill 20/s, STS 100 rps, Organizations 10 rps. */
    public static final RateLimits AWS_DEFAULTS = new RateLimits(20, 10, 20, 100, 20, 100, 10);

    public static final RateLimits UNLIMITED = new RateLimits(0, 0, 0, 0, 0, 0, 0);

    public RateLimits {
        if (ssoRps < 0 || eksRps < 0 || eksBurst < 0 || ec2Capacity < 0 || ec2RefillPerSecond < 0 || stsRps < 0
                || organizationsRps < 0) {
            throw new IllegalArgumentException("rate limits cannot be negative");
        }
    }

    public RateLimits withSsoRps(double rps) {
        return new RateLimits(rps, eksRps, eksBurst, ec2Capacity, ec2RefillPerSecond, stsRps, organizationsRps);
    }

    public RateLimits withEks(double rps, int burst) {
        return new RateLimits(ssoRps, rps, burst, ec2Capacity, ec2RefillPerSecond, stsRps, organizationsRps);
    }

    public RateLimits withEc2(int capacity, double refillPerSecond) {
        return new RateLimits(ssoRps, eksRps, eksBurst, capacity, refillPerSecond, stsRps, organizationsRps);
    }

    public RateLimits withStsRps(double rps) {
        return new RateLimits(ssoRps, eksRps, eksBurst, ec2Capacity, ec2RefillPerSecond, rps, organizationsRps);
    }
}
