package io.eksfleet.bench;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.Organization;

/**
 * The performance model's lower bound for a scan of an organisation, from the simulator's actual settings:
 * {@code max(critical path, budget bound, work / concurrency)}.
 *
 * <ul>
 *   <li>critical path: the five dependent calls of one cluster (ListAccounts, GetRoleCredentials,
 *       DescribeRegions, ListClusters, DescribeCluster) at their mean latency;</li>
 *   <li>budget bound: the SSO calls beyond the bucket's first second, at the SSO rate (EKS and EC2 budgets
 *       are per account and region, and a scan makes a handful of calls per key);</li>
 *   <li>work / concurrency: every call at its mean latency, spread over {@code inFlight} calls at once.</li>
 * </ul>
 */
record Bound(double criticalMs, double budgetMs, double workMs, int calls) {

    static Bound of(Organization org, Scenario scenario, int inFlight) {
        int accounts = org.accounts().size();
        int regionTasks = org.accounts().stream().mapToInt(a -> a.regions().size()).sum();
        int clusters = org.clusterCount();
        int ssoCalls = accounts + (accounts + 99) / 100;
        int calls = ssoCalls + accounts + regionTasks + clusters;
        double critical = mean(scenario, Api.SSO_LIST_ACCOUNTS) + mean(scenario, Api.SSO_GET_ROLE_CREDENTIALS)
                + mean(scenario, Api.EC2_DESCRIBE_REGIONS) + mean(scenario, Api.EKS_LIST_CLUSTERS)
                + mean(scenario, Api.EKS_DESCRIBE_CLUSTER);
        RateLimits limits = scenario.limits();
        double budget = limits.ssoRps() <= 0 ? 0 : Math.max(0, ssoCalls - limits.ssoRps()) / limits.ssoRps() * 1000;
        double work = (ssoCalls * mean(scenario, Api.SSO_GET_ROLE_CREDENTIALS) + accounts * mean(scenario, Api.EC2_DESCRIBE_REGIONS)
                + regionTasks * mean(scenario, Api.EKS_LIST_CLUSTERS) + clusters * mean(scenario, Api.EKS_DESCRIBE_CLUSTER)) / inFlight;
        return new Bound(critical, budget, work, calls);
    }

    double ms() {
        return Math.max(criticalMs, Math.max(budgetMs, workMs));
    }

    private static double mean(Scenario scenario, Api api) {
        return scenario.latency().modelFor(api).meanNanos() / 1e6;
    }
}
