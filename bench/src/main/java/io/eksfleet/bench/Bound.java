package io.eksfleet.bench;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.Organization;

/**
 * The performance model's lower bound for a scan of an organisation, from the simulator's actual settings:
 * {@code max(critical path, budget bound, work / concurrency)}.
 *
 * <ul>
 *   <li>critical path: the five dependent calls of one cluster (ListAccounts, GetRoleCredentials or
 *       AssumeRole, DescribeRegions, ListClusters, DescribeCluster) at their mean latency;</li>
 *   <li>budget bound: the credential calls beyond the bucket's first second, at their rate: SSO for the
 *       organisation, or STS for the hub account in hub mode (EKS and EC2 budgets are per account and
 *       region, and a scan makes a handful of calls per key);</li>
 *   <li>work / concurrency: every call at its mean latency, spread over {@code inFlight} calls at once.</li>
 * </ul>
 */
record Bound(double criticalMs, double budgetMs, double workMs, int calls) {

    static Bound of(Organization org, Scenario scenario, int inFlight) {
        int accounts = org.accounts().size();
        int regionTasks = org.accounts().stream().mapToInt(a -> a.regions().size()).sum();
        int clusters = org.clusterCount();
        boolean hub = scenario.hub();
        Api list = hub ? Api.ORGANIZATIONS_LIST_ACCOUNTS : Api.SSO_LIST_ACCOUNTS;
        Api credentials = hub ? Api.STS_ASSUME_ROLE : Api.SSO_GET_ROLE_CREDENTIALS;
        int credentialCalls = accounts + (hub ? 0 : (accounts + 99) / 100);
        int calls = credentialCalls + accounts + regionTasks + clusters + (hub ? (accounts + 19) / 20 : 0);
        double critical = mean(scenario, list) + mean(scenario, credentials)
                + mean(scenario, Api.EC2_DESCRIBE_REGIONS) + mean(scenario, Api.EKS_LIST_CLUSTERS)
                + mean(scenario, Api.EKS_DESCRIBE_CLUSTER);
        RateLimits limits = scenario.limits();
        double rps = hub ? limits.stsRps() : limits.ssoRps();
        double budget = rps <= 0 ? 0 : Math.max(0, credentialCalls - rps) / rps * 1000;
        double work = (credentialCalls * mean(scenario, credentials) + accounts * mean(scenario, Api.EC2_DESCRIBE_REGIONS)
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
