package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.bench.LocalFleet;
import io.eksfleet.inventory.InventoryListener;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.bench.LocalKafkaCluster;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet on a three-node Kafka cluster ({@code deploy/kafka/cluster.sh}), every part its own process: one
 * coordinator and three workers in hub mode, a 300-account organisation in 17 regions on the simulator. Each test
 * disturbs the cluster during a scan (the broker leading most stage partitions SIGKILLed, the active controller
 * SIGKILLed, two of three brokers down, a rolling restart) and compares what the fleet found with the
 * simulator's organisation, cluster by cluster. The cluster is whole again before the next test. Run with
 * {@code -Pfaults} (several minutes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterFaultsTest {

    static final Organization ORG = OrgGenerator.generate(300, 17, 600, 23);
    static final String ROLE = "EksFleetReader";
    /** The region tasks of a scan: a third of them is "about a third of the scan". */
    static final long REGION_TASKS = 300 * 17;

    @TempDir
    static Path dir;

    Simulator sim;
    LocalKafkaCluster cluster;
    LocalFleet fleet;
    LocalFleet.Role coordinator;
    int scans;
    /** When the current test's fault began (System.nanoTime()). */
    long faultAt;

    @BeforeAll
    void start() throws Exception {
        // Latency-bound, as in FleetTest: a scan lasts long enough to disturb.
        sim = Simulator.start(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED)
                .latency(LatencySettings.parse(List.of("fixed:100ms"))).build());
        cluster = new LocalKafkaCluster(dir.resolve("kafka"), 3);
        fleet = new LocalFleet(dir, Map.of("AWS_ACCESS_KEY_ID", ORG.hub().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", ORG.hub().secretAccessKey(), "AWS_ENDPOINT_URL", sim.endpoint().toString(),
                "AWS_REGION", "us-east-1", "HOME", dir.toString()), FleetTest.eksfleet(), cluster);
        fleet.startBroker();
        coordinator = fleet.start("coordinator-1", "taking scan requests", List.of("coordinator"));
        for (int i = 1; i <= 3; i++) {
            fleet.start("worker-" + i, "worker(s) on", List.of("worker", "--max-in-flight", "16", "--management-port", "0"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        fleet.close();
        sim.close();
    }

    /** Every node up again and every partition of eksfleet's topics with all its copies in sync. */
    @AfterEach
    void heal() throws Exception {
        for (int node : cluster.nodes()) {
            cluster.start(node);
        }
        List<String> topics = Topics.all().stream().map(t -> t.name()).toList();
        Awaitility.await("every copy in sync").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.fullyReplicated(topics));
    }

    @Test
    @Order(1)
    void theBrokerLeadingMostStagePartitionsKilledAtAThirdOfAScanLosesNoClusterAndDuplicatesNone() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitListed(REGION_TASKS / 3);
        int leader = cluster.leaderOfMostPartitions(Topics.STAGES.stream().map(t -> t.name()).toList());
        cluster.kill(leader);
        assertExactlyTheOrganisation(run);
    }

    @Test
    @Order(2)
    void theActiveControllerKilledMidScanLosesNoClusterAndDuplicatesNone() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitListed(REGION_TASKS / 3);
        int controller = cluster.activeController();
        cluster.kill(controller);
        // Another node leads the quorum, and the scan goes on.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> cluster.activeController() != controller);
        assertExactlyTheOrganisation(run);
    }

    @Test
    @Order(3)
    void twoBrokersDownForTwentySecondsMidScanAndTheScanStillEndsWithEveryCluster() throws Exception {
        CompletableFuture<CliRun> run = scan();
        awaitListed(REGION_TASKS / 3);
        cluster.kill(1);
        cluster.kill(2);
        Thread.sleep(Duration.ofSeconds(20).toMillis()); // the outage itself, not a wait for anything
        cluster.start(1);
        cluster.start(2);
        assertExactlyTheOrganisation(run);
    }

    @Test
    @Order(4)
    void aRollingRestartOfAllThreeBrokersLosesNoEventsClusterAndNoReconcileRound() throws Exception {
        fleet.stop(List.of(coordinator));
        coordinator = fleet.start("coordinator-2", "reconcile scans every",
                List.of("coordinator", "--assume-role", ROLE, "--rescan-every", ROUND_PERIOD.toSeconds() + "s"));
        String bootstrap = fleet.bootstrapServers();
        Map<String, InventoryRecord> inventory = new ConcurrentHashMap<>();
        Set<String> published = ConcurrentHashMap.newKeySet();
        AtomicInteger created = new AtomicInteger();
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor();
        try (InventoryListener listener = new InventoryListener(KafkaClients.at(bootstrap), (arn, record) -> {
                 if (record != null) {
                     inventory.put(arn, record);
                 }
             });
             KafkaProducer<String, byte[]> producer = KafkaClients.at(bootstrap).producer(KafkaClients.Partitioning.BY_KEY)) {
            // A cluster created every second, its CloudTrail event published as EventBridge delivers it; an event
            // counts once the brokers acknowledged it.
            events.scheduleWithFixedDelay(() -> {
                Account account = ORG.accounts().get(created.get() % ORG.accounts().size());
                String region = account.regions().get(created.get() % account.regions().size());
                String name = "rolling-" + created.getAndIncrement();
                Map<String, Object> event = sim.clusters().create(account.id(), region, name, "1.33", Map.of(), Duration.ZERO);
                try {
                    producer.send(new ProducerRecord<>(Topics.CLUSTER_EVENTS.name(), null, Messages.MAPPER.writeValueAsBytes(event))).get();
                    published.add("arn:aws:eks:" + region + ":" + account.id() + ":cluster/" + name);
                } catch (Exception e) {
                    System.out.println("event not acknowledged: " + e);
                }
            }, 0, 1, TimeUnit.SECONDS);
            Awaitility.await("a first round").atMost(Duration.ofMinutes(3)).until(() -> !rounds(bootstrap).isEmpty());
            long restartStarted = System.currentTimeMillis();
            List<String> topics = Topics.all().stream().map(t -> t.name()).toList();
            for (int node : cluster.nodes()) {
                cluster.stop(node);
                cluster.start(node);
                Awaitility.await("node " + node + " back in sync").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> cluster.fullyReplicated(topics));
            }
            long restartEnded = System.currentTimeMillis();
            System.out.printf("rolling restart: %d s, %d events published%n", (restartEnded - restartStarted) / 1000, published.size());
            // A round that starts after the restart ends.
            Awaitility.await("a round after the restart").atMost(Duration.ofMinutes(4))
                    .until(() -> rounds(bootstrap).values().stream().anyMatch(r -> r.startedAtMs() > restartEnded && r.status() != null));
            events.shutdownNow();
            events.awaitTermination(30, TimeUnit.SECONDS);
            assertThat(published).hasSizeGreaterThan(20);
            Awaitility.await("every event's cluster in the inventory").atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> assertThat(inventory.keySet()).containsAll(published));
            // Every round before and during the restart ended complete, and none started twice.
            Map<String, Round> rounds = rounds(bootstrap);
            assertThat(rounds.values()).filteredOn(r -> r.startedAtMs() < restartEnded).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo("complete"));
            List<Long> starts = rounds.values().stream().map(Round::startedAtMs).sorted().toList();
            for (int i = 1; i < starts.size(); i++) {
                assertThat(starts.get(i) - starts.get(i - 1)).as("round " + i + " after round " + (i - 1))
                        .isGreaterThanOrEqualTo(ROUND_PERIOD.toMillis());
            }
        } finally {
            events.shutdownNow();
        }
    }

    /** A round may run for a period (its timeout): longer than a scan of the organisation takes on a loaded 2-core machine. */
    static final Duration ROUND_PERIOD = Duration.ofSeconds(90);

    /** A reconcile round: when it started, and how it ended (null while it runs). */
    record Round(long startedAtMs, String status) {
    }

    /** The reconcile rounds so far, by scan id. */
    private static Map<String, Round> rounds(String bootstrap) {
        Map<String, Long> started = new HashMap<>();
        Map<String, String> finished = new HashMap<>();
        for (TopicRecords.Raw raw : TopicRecords.all(bootstrap, Topics.RESULTS.name())) {
            Map<?, ?> event = Messages.MAPPER.readValue(raw.value(), Map.class);
            if ("ScanStarted".equals(event.get("type")) && raw.value().contains("\"origin\":\"schedule\"")) {
                started.put(raw.key(), ((Number) event.get("startedAtMs")).longValue());
            } else if ("ScanFinished".equals(event.get("type"))) {
                finished.put(raw.key(), (String) event.get("status"));
            }
        }
        Map<String, Round> rounds = new HashMap<>();
        started.forEach((scanId, at) -> rounds.put(scanId, new Round(at, finished.get(scanId))));
        return rounds;
    }

    /** A fleet scan of the whole organisation, submitted from this JVM like a user's `eksfleet scan --workers 0`. */
    private CompletableFuture<CliRun> scan() {
        scans++;
        Path kubeconfig = kubeconfig();
        Path awsConfig = dir.resolve("aws-" + scans);
        return CompletableFuture.supplyAsync(() -> CliRun.of("scan", "--assume-role", ROLE, "--workers", "0",
                "--bootstrap-servers", fleet.bootstrapServers(), "--connect-timeout", "60s", "--scan-timeout", "6m",
                "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString(), "--output", "json"));
    }

    private Path kubeconfig() {
        return dir.resolve("kube-" + scans);
    }

    /** Waits until the workers have listed the clusters of {@code more} account-regions since it was called. */
    private void awaitListed(long more) {
        long before = sim.calls().count(Api.EKS_LIST_CLUSTERS);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> sim.calls().count(Api.EKS_LIST_CLUSTERS) - before >= more);
        faultAt = System.nanoTime();
    }

    /**
     * The scan ended complete with the organisation's clusters, each once: the report's count, the kubeconfig's
     * entries (the connectable clusters, by ARN) and the inventory (every cluster, by ARN).
     */
    private void assertExactlyTheOrganisation(CompletableFuture<CliRun> scan) throws Exception {
        CliRun run = scan.get(8, TimeUnit.MINUTES);
        System.out.printf("scan %d ended %d s after its fault began%n", scans, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - faultAt));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<?, ?> report = Messages.MAPPER.readValue(run.out(), Map.class);
        assertThat(((Map<?, ?>) report.get("accounts")).get("scanned")).isEqualTo(300);
        assertThat(((Map<?, ?>) report.get("clusters")).get("found")).isEqualTo((int) ORG.clusters().count());
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig());
        List<String> connectable = ScanFixture.connectable(ORG).stream().map(Organization.OrgCluster::arn).toList();
        assertThat(ScanEndToEndTest.names(kube, "clusters")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(connectable);
        assertThat(ScanEndToEndTest.names(kube, "contexts")).doesNotHaveDuplicates().hasSize(connectable.size());
        Set<String> all = ORG.clusters().map(Organization.OrgCluster::arn).collect(Collectors.toCollection(TreeSet::new));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> latest = new HashMap<>();
            TopicRecords.all(fleet.bootstrapServers(), Topics.INVENTORY.name()).forEach(r -> latest.put(r.key(), r.value()));
            assertThat(new TreeSet<>(latest.keySet())).isEqualTo(all);
            assertThat(latest.values()).doesNotContainNull();
        });
    }
}
