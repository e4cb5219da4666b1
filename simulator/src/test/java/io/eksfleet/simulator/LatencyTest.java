package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.EksAsyncClient;
import software.amazon.awssdk.services.eks.EksClient;

/** Latency settings are observed, per operation, and waiting calls do not hold a server thread each. */
class LatencyTest {

    @Test
    void perOperationLatencyDelaysOnlyThatOperationAndWaitsWithoutParkingThreads() throws Exception {
        Organization org = OrgGenerator.generate(1, 1, 1, 5);
        var cluster = org.clusters().findFirst().orElseThrow();
        SimulatorConfig config = SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).threads(2)
                .latency(LatencySettings.parse(List.of("eks:DescribeCluster=fixed:400ms"))).build();
        try (Simulator sim = Simulator.start(config)) {
            AwsClients aws = new AwsClients(sim);
            AwsCredentialsProvider creds = aws.roleCredentials(cluster.account().id(), "ReadOnly");
            String region = cluster.cluster().region();
            try (EksClient eks = aws.eks(region, creds)) {
                eks.listClusters();
                long start = System.nanoTime();
                eks.describeCluster(r -> r.name(cluster.cluster().name()));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            }
            try (EksAsyncClient eks = aws.eksAsync(region, creds)) {
                eks.describeCluster(r -> r.name(cluster.cluster().name())).join();
                long start = System.nanoTime();
                CompletableFuture.allOf(IntStream.range(0, 20)
                        .mapToObj(i -> eks.describeCluster(r -> r.name(cluster.cluster().name())))
                        .toArray(CompletableFuture[]::new)).join();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                // With a thread parked per waiting call, 2 server threads would need 10 x 400 ms.
                assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofMillis(3000));
            }
        }
    }
}
