package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.AccountStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator that restarts while it lists the organisation lists it again, and the tasks it published before
 * count once (docs/operations.md, "The listing"). The coordinator is its own process, so that it can die as a pod
 * does: SIGKILLed once some pages of a 1,000-account organisation are on the results topic (Organizations at its
 * 10 requests a second, so the listing takes seconds), then started again under the same static membership. A
 * worker and the broker run in this JVM.
 */
class ListingRestartFaultsTest {

    static final String ROLE = "EksFleetReader";
    static final Organization ORG = OrgGenerator.generate(1000, 1, 300, 17);
    /** Organizations throttled as AWS does; nothing else, so the listing is the slow part. */
    static final RateLimits LIMITS = new RateLimits(0, 0, 0, 0, 0, 0, RateLimits.AWS_DEFAULTS.organizationsRps());
    static final int PAGE = 20;

    @TempDir
    Path dir;

    ScanFixture fixture;
    RunningRole worker;
    Process coordinator;

    @AfterEach
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (worker != null) {
            worker.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aCoordinatorKilledMidListingListsAgainAndEveryAccountCountsOnce() throws Exception {
        fixture = new ScanFixture(ORG, LIMITS);
        fixture.hubIdentity(ORG);
        String bootstrap = fixture.bootstrapServers();
        coordinator = startCoordinator("coordinator-1");
        worker = RunningRole.worker(bootstrap, "--max-in-flight", "16");
        long accounts = ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).count();
        int regions = ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).mapToInt(a -> a.regions().size()).sum();
        int clusters = (int) ORG.clusters().filter(c -> c.account().status() == AccountStatus.ACTIVE).count();
        int pages = (ORG.accounts().size() + PAGE - 1) / PAGE;

        Path kubeconfig = dir.resolve("kube/config");
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("scan", "--assume-role", ROLE, "--workers", "0",
                "--bootstrap-servers", bootstrap, "--connect-timeout", "60s", "--scan-timeout", "3m",
                "--kubeconfig", kubeconfig.toString(), "--aws-config", dir.resolve("aws/config").toString(), "--output", "json"));
        int killedAfter;
        try (KafkaConsumer<byte[], byte[]> results = fromTheStart(bootstrap, Topics.RESULTS.name())) {
            List<Map<String, Object>> listed = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                results.poll(Duration.ofMillis(50)).forEach(r -> {
                    Map<String, Object> event = json(r.value());
                    if ("AccountsListed".equals(event.get("type"))) {
                        listed.add(event);
                    }
                });
                return listed.size() >= pages / 3;
            });
            coordinator.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            killedAfter = listed.size();
            assertThat(listed).as("killed before its last page").noneMatch(p -> Boolean.TRUE.equals(p.get("last")));
        }
        long listCallsAtKill = fixture.sim.calls().count(Api.ORGANIZATIONS_LIST_ACCOUNTS);
        long killed = System.nanoTime();
        coordinator = startCoordinator("coordinator-2");

        CliRun done = run.get(3, TimeUnit.MINUTES);
        System.out.printf("coordinator killed after %d of %d pages; kill to the scan's end: %d ms%n", killedAfter, pages,
                (System.nanoTime() - killed) / 1_000_000);
        assertThat(done.exitCode()).as(done.err()).isZero();
        String log = Files.readString(dir.resolve("coordinator-2.log"));
        assertThat(log).contains("1 running scan(s) rebuilt").contains("publishing its account tasks again");
        assertThat(fixture.sim.calls().count(Api.ORGANIZATIONS_LIST_ACCOUNTS) - listCallsAtKill).as("listed again, in full")
                .isGreaterThanOrEqualTo(pages);

        // What the scan saw: pages and account tasks of both listings, the first one cut short. The command ends
        // when its last task is closed; the coordinator's ScanFinished follows on its own time.
        List<Map<String, Object>> events = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> all(bootstrap, Topics.RESULTS.name()), e -> e.stream().anyMatch(r -> "ScanFinished".equals(r.get("type"))));
        List<Map<String, Object>> listings = events.stream().filter(e -> "AccountsListed".equals(e.get("type"))).toList();
        assertThat(listings).filteredOn(p -> Boolean.TRUE.equals(p.get("last"))).as("one listing reached its end").hasSize(1);
        assertThat(listings).as("the first listing's pages, then the second's").hasSizeGreaterThan(pages + killedAfter);
        Map<String, Long> tasks = all(bootstrap, Topics.ACCOUNTS.name()).stream()
                .collect(Collectors.groupingBy(t -> (String) t.get("accountId"), Collectors.counting()));
        assertThat(tasks).as("a task for every account").hasSize((int) accounts);
        assertThat(tasks.values()).as("accounts whose task the first coordinator published, published again").contains(2L);

        // Counted once: the report, the scan's end on the results topic and the kubeconfig match the organisation.
        Map<String, Object> report = json(done.out().getBytes(StandardCharsets.UTF_8));
        assertThat(report.get("status")).isEqualTo("complete");
        assertThat((Map<String, Object>) report.get("accounts")).containsEntry("planned", (int) accounts).containsEntry("scanned", (int) accounts);
        assertThat((Map<String, Object>) report.get("regions")).containsEntry("planned", regions).containsEntry("scanned", regions);
        assertThat((Map<String, Object>) report.get("clusters")).containsEntry("found", clusters);
        Map<String, Object> finished = events.stream().filter(e -> "ScanFinished".equals(e.get("type"))).reduce((a, b) -> b).orElseThrow();
        assertThat(finished.get("status")).isEqualTo("complete");
        assertThat((Map<String, Object>) finished.get("counts")).containsEntry("accountsPlanned", (int) accounts)
                .containsEntry("accountsDone", (int) accounts).containsEntry("clustersFound", clusters)
                .containsEntry("clustersPlanned", clusters).containsEntry("clustersDone", clusters);
        List<String> expected = ScanFixture.connectable(ORG).stream().map(Organization.OrgCluster::arn).toList();
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(ScanEndToEndTest.names(kube, "clusters")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ScanEndToEndTest.names(kube, "contexts")).doesNotHaveDuplicates().hasSize(expected.size());
    }

    /**
     * {@code eksfleet coordinator} as its own process, under one static membership id as a StatefulSet's pod runs it:
     * a restart takes the dead one's partitions at once, and with them the request it had not committed.
     */
    private Process startCoordinator(String name) throws Exception {
        List<String> command = new ArrayList<>(FleetTest.eksfleet());
        command.addAll(List.of("coordinator", "--instance-id", "0", "--bootstrap-servers", fixture.bootstrapServers()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", ORG.hub().accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", ORG.hub().secretAccessKey(), "AWS_ENDPOINT_URL", fixture.sim.endpoint().toString(),
                "AWS_REGION", "us-east-1", "HOME", dir.toString()));
        Process process = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(log).contains("taking scan requests") || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
        return process;
    }

    private static KafkaConsumer<byte[], byte[]> fromTheStart(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static List<Map<String, Object>> all(String bootstrap, String topic) {
        return TopicRecords.all(bootstrap, topic).stream().filter(r -> r.value() != null)
                .map(r -> json(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] value) {
        return Messages.MAPPER.readValue(value, Map.class);
    }
}
