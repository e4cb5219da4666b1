package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.eks.EksAsyncClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessDeniedException;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

class EksTest {

    static final String ROLE = "ReadOnly";
    static Organization org;
    static Account big;
    static Account other;
    static String region;
    static Simulator sim;
    static AwsClients aws;
    static AwsCredentialsProvider bigCredentials;

    @BeforeAll
    static void start() throws Exception {
        Organization base = OrgGenerator.generate(6, 3, 0, 21);
        big = base.accounts().get(0);
        other = base.accounts().get(1);
        region = big.regions().get(1);
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ClusterStatus status = i == 3 ? ClusterStatus.CREATING : i == 4 ? ClusterStatus.FAILED : ClusterStatus.ACTIVE;
            boolean up = status == ClusterStatus.ACTIVE;
            clusters.add(new Cluster(String.format("c%02d", i), region, "1.31", "eks.7", status,
                    Instant.parse("2024-05-06T07:08:09.123Z").plusSeconds(i),
                    up ? "https://ABCDEF" + i + ".gr7." + region + ".eks.amazonaws.com" : null, up ? "Q0EtREFUQQ==" : null,
                    Map.of("team", "t" + i)));
        }
        org = base.withAccount(big.id(), a -> a.withClusters(clusters));
        big = org.accounts().get(0);
        sim = Simulator.start(SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).build());
        aws = new AwsClients(sim);
        bigCredentials = aws.roleCredentials(big.id(), ROLE);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.limits(RateLimits.UNLIMITED);
        sim.updateFaults(f -> FaultSettings.NONE);
        sim.calls().reset();
    }

    @Test
    void listClustersPagesThroughExactlyTheAccountsClustersInThatRegion() {
        List<String> expected = big.clusters().stream().map(Cluster::name).sorted().toList();
        try (EksClient eks = aws.eks(region, bigCredentials)) {
            assertThat(eks.listClustersPaginator(r -> r.maxResults(1).include("all")).clusters()).containsExactlyElementsOf(expected);
            assertThat(sim.calls().count(Api.EKS_LIST_CLUSTERS)).isEqualTo(25);
            assertThat(eks.listClusters(r -> { }).clusters()).containsExactlyElementsOf(expected);
            assertThat(eks.listClusters(r -> { }).nextToken()).isNull();
        }
        try (EksAsyncClient eks = aws.eksAsync(region, bigCredentials)) {
            List<String> names = new CopyOnWriteArrayList<>();
            eks.listClustersPaginator(r -> r.maxResults(7)).clusters().subscribe(names::add).join();
            assertThat(names).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void describeClusterAnswersWithTheModelsCluster() {
        Cluster model = big.clusters().get(0);
        try (EksClient eks = aws.eks(region, bigCredentials)) {
            var cluster = eks.describeCluster(r -> r.name(model.name())).cluster();
            assertThat(cluster.arn()).isEqualTo("arn:aws:eks:" + region + ":" + big.id() + ":cluster/c00");
            assertThat(cluster.endpoint()).isEqualTo(model.endpoint());
            assertThat(cluster.certificateAuthority().data()).isEqualTo("Q0EtREFUQQ==");
            assertThat(cluster.createdAt()).isEqualTo(model.createdAt());
            assertThat(cluster.statusAsString()).isEqualTo("ACTIVE");
            assertThat(cluster.version()).isEqualTo("1.31");
            assertThat(cluster.platformVersion()).isEqualTo("eks.7");
            assertThat(cluster.tags()).containsEntry("team", "t0");
            assertThat(cluster.identity().oidc().issuer()).startsWith("https://oidc.eks." + region + ".amazonaws.com/id/");

            var creating = eks.describeCluster(r -> r.name("c03")).cluster();
            assertThat(creating.statusAsString()).isEqualTo("CREATING");
            assertThat(creating.endpoint()).isNull();
            assertThat(creating.certificateAuthority().data()).isNull();
        }
    }

    @Test
    void unknownClusterIsNotFoundAndNotRetried() {
        try (EksClient eks = aws.eks(region, bigCredentials)) {
            assertThatThrownBy(() -> eks.describeCluster(r -> r.name("zz")))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageStartingWith("No cluster found for name: zz.");
        }
        assertThat(sim.calls().count(Api.EKS_DESCRIBE_CLUSTER)).isEqualTo(1);
        assertThat(sim.calls().retries(Api.EKS_DESCRIBE_CLUSTER)).isZero();
    }

    @Test
    void callsAreAttributedToTheCredentialsAccount() {
        try (EksClient eks = aws.eks(region, aws.roleCredentials(other.id(), ROLE))) {
            assertThat(eks.listClusters(r -> { }).clusters()).isEmpty();
            assertThatThrownBy(() -> eks.describeCluster(r -> r.name("c00"))).isInstanceOf(ResourceNotFoundException.class);
        }
        assertThat(sim.calls().count(c -> c.api() == Api.EKS_LIST_CLUSTERS && c.account().equals(other.id())
                && c.region().equals(region))).isEqualTo(1);
    }

    @Test
    void deniedAccountGetsAccessDeniedAndIsNotRetried() {
        sim.updateFaults(f -> f.withDeniedAccounts(Set.of(big.id())));
        try (EksClient eks = aws.eks(region, bigCredentials)) {
            assertThatThrownBy(() -> eks.listClusters(r -> { }))
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("is not authorized to perform: eks:ListClusters on resource: arn:aws:eks:"
                                + region + ":" + big.id() + ":cluster/*");
                    });
        }
        assertThat(sim.calls().count(Api.EKS_LIST_CLUSTERS, Outcome.DENIED)).isEqualTo(1);
    }

    @Test
    void unknownKeysAndRegionsTheAccountHasNotEnabledAreUnrecognized() {
        var madeUp = StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAMADEUPMADEUPMADE", "x", "y"));
        try (EksClient eks = aws.eks(region, madeUp)) {
            assertThatThrownBy(() -> eks.listClusters(r -> { })).isInstanceOfSatisfying(EksException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        try (EksClient eks = aws.eks("af-south-1", bigCredentials)) {
            assertThatThrownBy(() -> eks.listClusters(r -> { })).isInstanceOfSatisfying(EksException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void expiredCredentialsAreRejected() throws Exception {
        try (Simulator shortLived = Simulator.start(SimulatorConfig.builder().org(org).roleCredentialTtl(Duration.ofSeconds(1)).build())) {
            AwsClients clients = new AwsClients(shortLived);
            try (EksClient eks = clients.eks(region, clients.roleCredentials(big.id(), ROLE))) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThatThrownBy(() -> eks.listClusters(r -> { })).isInstanceOfSatisfying(EksException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException")));
            }
        }
    }

    @Test
    void burstAboveTheBudgetIsThrottledByBucketArithmetic() {
        sim.limits(RateLimits.UNLIMITED.withEks(10, 20));
        int ok = 0;
        int throttled = 0;
        long start = System.nanoTime();
        try (EksClient eks = aws.eks(region, bigCredentials, AwsClients.noRetries())) {
            for (int i = 0; i < 60; i++) {
                try {
                    eks.listClusters(r -> { });
                    ok++;
                } catch (EksException e) {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                    throttled++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A full bucket of 20, plus 10 per second of the run; one token of slack each way for timing.
        assertThat(ok).isBetween(20 + (int) Math.floor(10 * seconds) - 1, Math.min(60, 20 + (int) Math.ceil(10 * seconds) + 1));
        assertThat(throttled).isEqualTo(60 - ok);
        assertThat(sim.calls().count(Api.EKS_LIST_CLUSTERS, Outcome.THROTTLED)).isEqualTo(throttled);
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedByTheSdk() {
        sim.updateFaults(f -> f.withErrorRate(1.0));
        try (EksClient eks = aws.eks(region, bigCredentials)) {
            assertThatThrownBy(() -> eks.listClusters(r -> { })).isInstanceOfSatisfying(EksException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isIn("ServerException", "ServiceUnavailableException"));
        }
        assertThat(sim.calls().count(Api.EKS_LIST_CLUSTERS, Outcome.ERROR)).isEqualTo(4);
        assertThat(sim.calls().retries(Api.EKS_LIST_CLUSTERS)).isEqualTo(3);
    }
}
