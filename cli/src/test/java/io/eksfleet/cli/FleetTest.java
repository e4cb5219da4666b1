package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.bench.LocalFleet;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet as it runs in production, every part its own process: the standalone KRaft broker, one
 * coordinator and three workers (hub mode: the workers' identity comes from their environment), and a
 * 300-account organisation on the simulator. Each test disturbs one scan (a worker SIGKILLed, the
 * coordinator SIGKILLed and restarted, the broker stopped for 10 s, a worker SIGTERMed) and checks that it
 * ends with exactly the same kubeconfig as the undisturbed scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

    static final Organization ORG = OrgGenerator.generate(300, 2, 450, 300);
    static final String ROLE = "EksFleetReader";

    @TempDir
    static Path dir;

    Simulator sim;
    LocalFleet fleet;
    LocalFleet.Role coordinator;
    List<LocalFleet.Role> workers;
    String baseline;
    Map<?, ?> baselineReport;
    int scans;

    @BeforeAll
    void start() throws Exception {
        // Latency-bound: 100 ms a call and 8 calls in flight per worker make a scan last long enough to disturb.
        sim = Simulator.start(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED)
                .latency(LatencySettings.parse(List.of("fixed:100ms"))).build());
        fleet = new LocalFleet(dir, Map.of("AWS_ACCESS_KEY_ID", ORG.hub().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", ORG.hub().secretAccessKey(), "AWS_ENDPOINT_URL", sim.endpoint().toString(),
                "AWS_REGION", "us-east-1", "HOME", dir.toString()), eksfleet());
        fleet.startBroker();
        coordinator = startCoordinator("coordinator-1");
        workers = new java.util.ArrayList<>(List.of(worker("worker-1"), worker("worker-2"), worker("worker-3")));
    }

    @AfterAll
    void stop() throws Exception {
        fleet.close();
        sim.close();
    }

    @Test
    @Order(1)
    void threeWorkerProcessesScanEveryClusterOfA300AccountOrganisationInHubMode() throws Exception {
        CliRun run = scan().get(3, TimeUnit.MINUTES);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path kubeconfig = kubeconfig();
        Set<String> expected = ORG.clusters()
                .filter(c -> c.cluster().status() == ClusterStatus.ACTIVE || c.cluster().status() == ClusterStatus.UPDATING)
                .map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(ScanEndToEndTest.names(kube, "clusters")).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ScanEndToEndTest.names(kube, "contexts")).doesNotHaveDuplicates().hasSize(expected.size());
        baseline = Files.readString(kubeconfig);
        baselineReport = Messages.MAPPER.readValue(run.out(), Map.class);
        assertThat(((Map<?, ?>) baselineReport.get("accounts")).get("scanned")).isEqualTo(300);
        assertThat(((Map<?, ?>) baselineReport.get("clusters")).get("found")).isEqualTo(450);
        for (LocalFleet.Role worker : workers) {
            assertThat(worker.logText()).doesNotContain(ORG.hub().secretAccessKey());
        }
        // Account affinity: each account's tasks met on one worker, which assumed its role once for the fleet
        // (a rebalance while the workers were still joining may add a few).
        assertThat(sim.calls().count(Api.STS_ASSUME_ROLE)).isBetween(300L, 330L);

        String metrics = ManagementEndpoint.get(workers.get(0).logText(), "/metrics");
        assertThat(metrics).contains("eksfleet_worker_tasks_total{outcome=\"done\",stage=\"clusters\"")
                .contains("eksfleet_worker_calls_in_flight").contains("eksfleet_worker_budget_configured_rps{family=\"sts\"")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(ManagementEndpoint.get(workers.get(0).logText(), "/health/ready")).contains("UP");
        assertThat(ManagementEndpoint.get(workers.get(0).logText(), "/health/live")).contains("UP");
    }

    @Test
    @Order(2)
    void aWorkerKilledHalfwayLosesNoClusterAndDuplicatesNone() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitDescribed(225);
        LocalFleet.Role victim = workers.remove(0);
        victim.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertSameResult(run.get(3, TimeUnit.MINUTES));
        workers.add(worker("worker-4"));

        // The inventory the coordinator keeps holds every cluster once, under its ARN, and nothing else.
        Set<String> all = ORG.clusters().map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> latest = new java.util.HashMap<>();
            TopicRecords.all(fleet.bootstrapServers(), Topics.INVENTORY.name()).forEach(r -> latest.put(r.key(), r.value()));
            assertThat(latest.keySet()).isEqualTo(all);
            assertThat(latest.values()).doesNotContainNull();
        });
    }

    @Test
    @Order(3)
    void theCoordinatorKilledMidScanAndRestartedEndsWithTheSameResult() throws Exception {
        CompletableFuture<CliRun> run = scan();
        long assumed = sim.calls().count(Api.STS_ASSUME_ROLE);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> sim.calls().count(Api.STS_ASSUME_ROLE) > assumed);
        coordinator.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        coordinator = startCoordinator("coordinator-2");
        CliRun done = run.get(3, TimeUnit.MINUTES);
        assertSameResult(done);
        String scanId = (String) Messages.MAPPER.readValue(done.out(), Map.class).get("scanId");
        // The new coordinator rebuilt the scan from the results topic and ended it there.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                CliRun.of("status", scanId, "--bootstrap-servers", fleet.bootstrapServers()).exitCode() == 0);
        assertThat(coordinator.logText()).contains("1 running scan(s) rebuilt");
    }

    @Test
    @Order(4)
    void aScanOutlivesTheBrokerStoppedForTenSeconds() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitDescribed(110);
        fleet.stopBroker();
        Thread.sleep(Duration.ofSeconds(10).toMillis()); // the outage itself, not a wait for anything
        fleet.startBroker();
        assertSameResult(run.get(4, TimeUnit.MINUTES));
    }

    @Test
    @Order(5)
    void aWorkerStoppedWithSigtermLeavesInTimeAndTheOthersFinishItsTasks() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitDescribed(110);
        LocalFleet.Role leaving = workers.remove(0);
        long signalled = System.nanoTime();
        leaving.process().destroy();
        assertThat(leaving.process().waitFor(35, TimeUnit.SECONDS)).as("exits within the documented 30 s").isTrue();
        System.out.printf("SIGTERM to exit: %d ms%n", (System.nanoTime() - signalled) / 1_000_000);
        assertThat(leaving.process().exitValue()).isIn(0, 143);
        assertThat(leaving.logText()).contains("eksfleet worker: stopping");
        assertSameResult(run.get(3, TimeUnit.MINUTES));
    }

    private LocalFleet.Role worker(String name) throws Exception {
        return fleet.start(name, "worker(s) on", List.of("worker", "--max-in-flight", "8", "--management-port", "0"));
    }

    private LocalFleet.Role startCoordinator(String name) throws Exception {
        return fleet.start(name, "taking scan requests", List.of("coordinator"));
    }

    /**
     * The eksfleet program from this test's class path, in a JVM sized for five of them on two cores. Surefire
     * runs tests from a manifest-only jar, so its property names the real class path.
     */
    static List<String> eksfleet() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "io.eksfleet.cli.EksFleet");
    }

    /** A fleet scan of the whole organisation, submitted from this JVM like a user's `eksfleet scan --workers 0`. */
    private CompletableFuture<CliRun> scan() {
        scans++;
        Path kubeconfig = kubeconfig();
        return CompletableFuture.supplyAsync(() -> CliRun.of("scan", "--assume-role", ROLE, "--workers", "0",
                "--bootstrap-servers", fleet.bootstrapServers(), "--connect-timeout", "60s", "--scan-timeout", "4m",
                "--kubeconfig", kubeconfig.toString(), "--aws-config", dir.resolve("aws-" + scans).toString(), "--output", "json"));
    }

    private Path kubeconfig() {
        return dir.resolve("kube-" + scans);
    }

    private void awaitDescribed(long more) {
        long before = sim.calls().count(Api.EKS_DESCRIBE_CLUSTER);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> sim.calls().count(Api.EKS_DESCRIBE_CLUSTER) - before >= more);
    }

    private void assertSameResult(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(kubeconfig())).isEqualTo(baseline);
        Map<?, ?> report = Messages.MAPPER.readValue(run.out(), Map.class);
        for (String section : List.of("status", "accounts", "regions", "failures")) {
            assertThat(report.get(section)).as(section).isEqualTo(baselineReport.get(section));
        }
        Map<?, ?> clusters = (Map<?, ?>) report.get("clusters");
        Map<?, ?> baselineClusters = (Map<?, ?>) baselineReport.get("clusters");
        for (String figure : List.of("found", "byStatus", "inKubeconfig", "notInKubeconfig")) {
            assertThat(clusters.get(figure)).as(figure).isEqualTo(baselineClusters.get(figure));
        }
    }
}
