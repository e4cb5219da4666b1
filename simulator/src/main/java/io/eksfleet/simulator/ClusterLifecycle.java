package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Clusters that change while the simulator runs, as EKS changes them: a created cluster is CREATING, then ACTIVE;
 * a version update leaves it UPDATING, then ACTIVE on the new version; a deleted one is DELETING, then gone.
 * Each change answers with the EventBridge event AWS CloudTrail would deliver for the API call
 * ({@code source aws.eks}, {@code AWS API Call via CloudTrail}), so that tests and the benchmark can publish it.
 */
public final class ClusterLifecycle implements AutoCloseable {

    private final SimulatedAws aws;
    private final Clock clock;
    private final Random random = new Random(7);
    private final ScheduledExecutorService settle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-cluster-lifecycle");
        t.setDaemon(true);
        return t;
    });

    ClusterLifecycle(SimulatedAws aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    /** CreateCluster: CREATING now, ACTIVE (with an endpoint and a certificate) after {@code settleAfter}. */
    public Map<String, Object> create(String accountId, String region, String name, String version, Map<String, String> tags,
                                      Duration settleAfter) {
        Cluster creating = new Cluster(name, region, version, "eks.1", ClusterStatus.CREATING, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                null, null, tags);
        change(accountId, clusters -> {
            if (clusters.stream().anyMatch(c -> c.name().equals(name) && c.region().equals(region))) {
                throw new IllegalArgumentException("cluster " + name + " exists in " + accountId + " " + region);
            }
            List<Cluster> out = new ArrayList<>(clusters);
            out.add(creating);
            return out;
        });
        later(settleAfter, accountId, region, name, c -> OrgGenerator.up(c, random));
        return event(accountId, region, "CreateCluster", parameters(name, version), name, "CREATING");
    }

    /** UpdateClusterVersion: UPDATING now, ACTIVE on {@code version} after {@code settleAfter}. */
    public Map<String, Object> updateVersion(String accountId, String region, String name, String version, Duration settleAfter) {
        update(accountId, region, name, c -> with(c, c.version(), ClusterStatus.UPDATING));
        later(settleAfter, accountId, region, name, c -> with(c, version, ClusterStatus.ACTIVE));
        return event(accountId, region, "UpdateClusterVersion", parameters(name, version), name, "UPDATING");
    }

    /** DeleteCluster: DELETING now, gone (DescribeCluster: ResourceNotFoundException) after {@code settleAfter}. */
    public Map<String, Object> delete(String accountId, String region, String name, Duration settleAfter) {
        update(accountId, region, name, c -> with(c, c.version(), ClusterStatus.DELETING));
        later(settleAfter, accountId, region, name, c -> null);
        return event(accountId, region, "DeleteCluster", parameters(name, null), name, "DELETING");
    }

    /** The call's request parameters, in the order CloudTrail writes them. */
    private static Map<String, Object> parameters(String name, String version) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("name", name);
        if (version != null) {
            parameters.put("version", version);
        }
        return parameters;
    }

    private static Cluster with(Cluster c, String version, ClusterStatus status) {
        return c.with(version, status, c.endpoint(), c.certificateAuthorityData());
    }

    private void later(Duration after, String accountId, String region, String name, UnaryOperator<Cluster> change) {
        settle.schedule(() -> update(accountId, region, name, change), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies {@code change} to the cluster; null removes it. */
    private void update(String accountId, String region, String name, UnaryOperator<Cluster> change) {
        change(accountId, clusters -> {
            if (clusters.stream().noneMatch(c -> c.name().equals(name) && c.region().equals(region))) {
                throw new IllegalArgumentException("no cluster " + name + " in " + accountId + " " + region);
            }
            List<Cluster> out = new ArrayList<>();
            for (Cluster c : clusters) {
                Cluster next = c.name().equals(name) && c.region().equals(region) ? change.apply(c) : c;
                if (next != null) {
                    out.add(next);
                }
            }
            return out;
        });
    }

    private void change(String accountId, UnaryOperator<List<Cluster>> clusters) {
        synchronized (aws) {
            Organization org = aws.org().org;
            if (org.accounts().stream().noneMatch(a -> a.id().equals(accountId))) {
                throw new IllegalArgumentException("no account " + accountId);
            }
            aws.replaceOrg(org.withAccount(accountId, a -> a.withClusters(clusters.apply(a.clusters()))));
        }
    }

    /** The EventBridge envelope of the CloudTrail record of that EKS API call. */
    private Map<String, Object> event(String accountId, String region, String eventName, Map<String, Object> request, String name,
                                      String status) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("name", name);
        cluster.put("arn", aws.org().org.partition().arn("eks", region, accountId, "cluster/" + name));
        cluster.put("status", status);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventVersion", "1.09");
        detail.put("eventTime", now.toString());
        detail.put("eventSource", "eks.amazonaws.com");
        detail.put("eventName", eventName);
        detail.put("awsRegion", region);
        detail.put("requestParameters", request);
        detail.put("responseElements", Map.of(eventName.equals("UpdateClusterVersion") ? "update" : "cluster",
                eventName.equals("UpdateClusterVersion") ? Map.of("type", "VersionUpdate", "status", "InProgress") : cluster));
        detail.put("eventID", UUID.randomUUID().toString());
        detail.put("eventType", "AwsApiCall");
        detail.put("recipientAccountId", accountId);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", "AWS API Call via CloudTrail");
        envelope.put("source", "aws.eks");
        envelope.put("account", accountId);
        envelope.put("time", now.toString());
        envelope.put("region", region);
        envelope.put("resources", List.of());
        envelope.put("detail", detail);
        return envelope;
    }

    @Override
    public void close() {
        settle.shutdownNow();
    }
}
