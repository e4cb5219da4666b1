package io.eksfleet.bench;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Organization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lower bound AWS puts on a scan of an organisation, from the simulator's settings alone: {@code max(critical
 * path, each service's budget)}. Nothing of eksfleet's own settings goes in; its in-flight limit is reported
 * beside the bound ({@link #inFlightMs}), not in it.
 *
 * <ul>
 *   <li>critical path: the organisation's listing (its pages one after another, each waiting for the last's
 *       token, at the listing service's rate beyond its first second), then the dependent calls of the last
 *       account's cluster (GetRoleCredentials or AssumeRole, DescribeRegions, ListClusters, DescribeCluster) at
 *       their mean latency;</li>
 *   <li>budgets: each service's calls beyond its bucket, at its rate, keyed the way the simulator keys it: SSO
 *       for the organisation (listing and credentials), Organizations for the organisation, STS for the hub
 *       account, EKS and EC2 for the busiest account and region.</li>
 * </ul>
 *
 * <p>A running fleet keeps every account's role credentials for their hour: for it ({@code credentialsCached}) a
 * hub-mode scan makes no AssumeRole call.
 */
record Bound(double listingMs, double criticalMs, List<Budget> budgets, double inFlightMs, int inFlight, int calls) {

    /** One service's budget: its calls in the scan (for a per-key budget, the busiest key's) and the time they take. */
    record Budget(String service, int calls, double ms) {
    }

    static Bound of(Organization org, Scenario scenario, int inFlight, boolean credentialsCached) {
        int accounts = org.accounts().size();
        int regionTasks = org.accounts().stream().mapToInt(a -> a.regions().size()).sum();
        int clusters = org.clusterCount();
        boolean hub = scenario.hub();
        RateLimits limits = scenario.limits();
        // Organizations pages hold 20 accounts, SSO's 100 (the largest page each service gives).
        int pages = hub ? (accounts + 19) / 20 : (accounts + 99) / 100;
        Api list = hub ? Api.ORGANIZATIONS_LIST_ACCOUNTS : Api.SSO_LIST_ACCOUNTS;
        double listRps = hub ? limits.organizationsRps() : limits.ssoRps();
        double listing = Math.max(pages * mean(scenario, list), overBucket(pages, listRps));
        boolean assumes = hub && !credentialsCached;
        int credentialCalls = assumes || !hub ? accounts : 0;
        Api credentials = hub ? Api.STS_ASSUME_ROLE : Api.SSO_GET_ROLE_CREDENTIALS;
        double critical = listing + (credentialCalls > 0 ? mean(scenario, credentials) : 0) + mean(scenario, Api.EC2_DESCRIBE_REGIONS)
                + mean(scenario, Api.EKS_LIST_CLUSTERS) + mean(scenario, Api.EKS_DESCRIBE_CLUSTER);

        List<Budget> budgets = new ArrayList<>();
        if (hub) {
            budgets.add(new Budget("Organizations", pages, overBucket(pages, limits.organizationsRps())));
            budgets.add(new Budget("STS", credentialCalls, overBucket(credentialCalls, limits.stsRps())));
        } else {
            budgets.add(new Budget("SSO", pages + credentialCalls, overBucket(pages + credentialCalls, limits.ssoRps())));
        }
        int busiestEks = busiestRegion(org);
        budgets.add(new Budget("EKS", busiestEks, limits.eksRps() <= 0 ? 0
                : Math.max(0, busiestEks - limits.eksBurst()) / limits.eksRps() * 1000));
        // One DescribeRegions per account, against a bucket of 100: EC2 never binds, but it is AWS's budget too.
        budgets.add(new Budget("EC2", 1, limits.ec2RefillPerSecond() <= 0 ? 0
                : Math.max(0, 1 - limits.ec2Capacity()) / limits.ec2RefillPerSecond() * 1000));

        int calls = pages + credentialCalls + accounts + regionTasks + clusters;
        double work = (credentialCalls * mean(scenario, credentials) + accounts * mean(scenario, Api.EC2_DESCRIBE_REGIONS)
                + regionTasks * mean(scenario, Api.EKS_LIST_CLUSTERS) + clusters * mean(scenario, Api.EKS_DESCRIBE_CLUSTER)) / inFlight;
        return new Bound(listing, critical, List.copyOf(budgets), work, inFlight, calls);
    }

    double ms() {
        return Math.max(criticalMs, budgets.stream().mapToDouble(Budget::ms).max().orElse(0));
    }

    /** What sets the bound: the critical path, or the service whose budget does. */
    String setBy() {
        return budgets.stream().filter(b -> b.ms() > criticalMs).max(java.util.Comparator.comparingDouble(Budget::ms))
                .map(b -> b.service() + " budget").orElse("critical path");
    }

    /** The text of the bound's terms, as the bench prints it. */
    String terms() {
        StringBuilder s = new StringBuilder(String.format("critical path %.2f s (of which the listing %.2f s)", criticalMs / 1000,
                listingMs / 1000));
        budgets.forEach(b -> s.append(String.format(", %s %d calls %.2f s", b.service(), b.calls(), b.ms() / 1000)));
        return s.toString();
    }

    /** Calls beyond a bucket that holds one second's worth, at the rate: the time they take at the least. */
    private static double overBucket(int calls, double rps) {
        return rps <= 0 ? 0 : Math.max(0, calls - rps) / rps * 1000;
    }

    /** The most EKS calls of one account and region: one ListClusters page and a DescribeCluster per cluster. */
    private static int busiestRegion(Organization org) {
        int busiest = 0;
        for (Account account : org.accounts()) {
            Map<String, Integer> byRegion = new HashMap<>();
            account.clusters().forEach(c -> byRegion.merge(c.region(), 1, Integer::sum));
            busiest = Math.max(busiest, 1 + byRegion.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
        return busiest;
    }

    private static double mean(Scenario scenario, Api api) {
        return scenario.latency().modelFor(api).meanNanos() / 1e6;
    }
}
