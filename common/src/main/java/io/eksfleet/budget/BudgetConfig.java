package io.eksfleet.budget;

import java.time.Duration;

/**
 * The budgets of the whole fleet, per AWS API family, and how they adapt. A worker applies its share
 * of each (see {@link Budgets#share(double)}).
 *
 * @param ssoRps IAM Identity Center portal, one budget for the organisation (AWS: 20 TPS). Default 18.
 * @param eksRps EKS per account and region (AWS publishes none). Default 8.
 * @param ec2Rps EC2 non-mutating calls per account and region (AWS: bucket 100, refill 20/s). Default 16.
 * @param stsRps STS per calling account. Default 50.
 * @param organizationsRps Organizations, one budget. Default 5.
 * @param decreaseFactor a throttling answer multiplies the rate by this. Default 0.7.
 * @param decreaseEvery at most one decrease per key in this window. Default 1 s.
 * @param increaseFraction each successful call adds this fraction of the configured rate back. Default 0.02.
 * @param floorFraction the rate never drops below this fraction of the configured one. Default 0.1.
 */
public record BudgetConfig(double ssoRps, double eksRps, double ec2Rps, double stsRps, double organizationsRps,
                           double decreaseFactor, Duration decreaseEvery, double increaseFraction, double floorFraction) {

    public static final BudgetConfig DEFAULTS = new BudgetConfig(18, 8, 16, 50, 5, 0.7, Duration.ofSeconds(1), 0.02, 0.1);

    public BudgetConfig {
        if (ssoRps <= 0 || eksRps <= 0 || ec2Rps <= 0 || stsRps <= 0 || organizationsRps <= 0) {
            throw new IllegalArgumentException("every budget must be above 0 requests per second");
        }
    }
}
