package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.coordinator.ResultsListener;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.SkippedRecords;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Every topic the fleet reads, fed a generated corpus of records that break its contract ({@link RecordCorpus}), then
 * one good record behind them on the same partition, through the real coordinator and worker on a real broker: the
 * good record is processed, every bad one is skipped and counted, and the roles stay ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRecordsTest {

    static final String ROLE = "ReadOnly";
    static final Organization ORG = OrgGenerator.generate(4, 2, 8, 2121);
    static final Account ACCOUNT = ORG.accounts().stream().filter(a -> !a.clusters().isEmpty()).findFirst().orElseThrow();
    static final HubSource HUB = new HubSource(null, "us-east-1");
    static final String OUTSIDE_ARN = "arn:aws:eks:eu-west-1:999999999999:cluster/kept";

    ScanFixture fixture;
    String bootstrap;
    RunningRole worker;
    RunningRole coordinator;
    ResultsListener results;
    final Map<String, Set<String>> eventsByScan = new ConcurrentHashMap<>();
    KafkaProducer<String, byte[]> producer;
    int inventoryCorpus;

    @BeforeAll
    void start() throws Exception {
        fixture = new ScanFixture(ORG, RateLimits.UNLIMITED);
        bootstrap = fixture.bootstrapServers();
        fixture.hubIdentity(ORG);
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrap);
        TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30), Integer.MAX_VALUE);
        producer = new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer());
        // The inventory is read before the coordinator is ready: the corpus is there before it starts.
        InventoryRecord kept = inventoryRecord();
        inventoryCorpus = sendCorpusThenGood(Topics.INVENTORY, kept.arn(), Messages.MAPPER.valueToTree(kept));
        worker = RunningRole.worker(bootstrap, "--backoff", "200ms", "--management-port", "0");
        coordinator = RunningRole.coordinator(bootstrap, ROLE, "--management-port", "0");
        results = new ResultsListener(new KafkaClients(kafka), Instant.now(), event ->
                eventsByScan.computeIfAbsent(event.scanId(), k -> ConcurrentHashMap.newKeySet()).add(event.getClass().getSimpleName()));
    }

    @AfterAll
    void stop() throws Exception {
        results.close();
        producer.close();
        coordinator.close();
        worker.close();
        fixture.close();
    }

    @Test
    @Order(1)
    void theInventoryWithBadRecordsLetsTheCoordinatorStartAndKeepsTheGoodOne() throws Exception {
        assertReady();
        assertThat(metric(coordinator, "eksfleet_coordinator_inventory_clusters")).as("the good record alone").isEqualTo(1);
        assertThat(SkippedRecords.count(Topics.INVENTORY.name())).as("every bad record counted").isGreaterThanOrEqualTo(inventoryCorpus);
        assertThat(metric(coordinator, "eksfleet_records_skipped_total{reason=\"key\",topic=\"eksfleet.clusters\"}")).isPositive();
        CliRun inventory = CliRun.of("inventory", "--bootstrap-servers", bootstrap, "--output", "json");
        assertThat(inventory.exitCode()).as(inventory.err()).isZero();
        assertThat(inventory.out()).contains(OUTSIDE_ARN).doesNotContain("null");
        assertThat(Messages.MAPPER.readTree(inventory.out()).size()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void scanRequests() throws Exception {
        ScanRequest request = new ScanRequest(VersionedMessage.VERSION, "hostile-request", Access.viaHub(HUB, ROLE), List.of(),
                List.of(new AccountRef(ACCOUNT.id(), ACCOUNT.name())), List.of(), List.of(), List.of(), "enabled", 60_000, 0, "test", null);
        sendCorpusThenGood(Topics.REQUESTS, request.scanId(), Messages.MAPPER.valueToTree(request));
        awaitEvent("hostile-request", "ScanFinished");
        assertReady();
    }

    @Test
    @Order(3)
    void stageAndRetryTopics() throws Exception {
        String region = ACCOUNT.clusters().get(0).region();
        String cluster = ACCOUNT.clusters().get(0).name();
        for (Topic<?> stage : Topics.STAGES) {
            for (Topic<?> topic : List.of(stage, Topics.retryOf(stage))) {
                String scanId = "hostile-" + topic.name();
                Object task = switch (stage.name()) {
                    case "eksfleet.scan.accounts" -> new AccountTask(VersionedMessage.VERSION, scanId, ACCOUNT.id(), ACCOUNT.name(),
                            Access.viaHub(HUB, ROLE), List.of(), List.of(region), null, 0, null);
                    case "eksfleet.scan.regions" -> new RegionTask(VersionedMessage.VERSION, scanId, ACCOUNT.id(), ACCOUNT.name(),
                            Access.viaHub(HUB, ROLE), region, null);
                    default -> new ClusterTask(VersionedMessage.VERSION, scanId, ACCOUNT.id(), ACCOUNT.name(), Access.viaHub(HUB, ROLE),
                            region, cluster, null);
                };
                JsonNode good = Messages.MAPPER.valueToTree(task);
                @SuppressWarnings({"unchecked", "rawtypes"})
                String key = ((Topic) topic).key().apply(task).toString();
                sendCorpusThenGood(topic, key, good);
                awaitEvent(scanId, switch (stage.name()) {
                    case "eksfleet.scan.accounts" -> "AccountScanned";
                    case "eksfleet.scan.regions" -> "RegionScanned";
                    default -> "ClusterFound";
                });
            }
        }
        assertReady();
    }

    @Test
    @Order(4)
    void results() throws Exception {
        ScanEvent.ScanStarted started = new ScanEvent.ScanStarted(VersionedMessage.VERSION, "hostile-results", Access.viaHub(HUB, ROLE), List.of(),
                List.of(), List.of(), List.of(), "enabled", System.currentTimeMillis(), 60_000, 0, "test", new CallUsage(Map.of(), 0, 0), null);
        sendCorpusThenGood(Topics.RESULTS, started.scanId(), Messages.MAPPER.valueToTree(started));
        awaitEvent("hostile-results", "ScanFinished");
        assertReady();
    }

    @Test
    @Order(5)
    void accountEvents() throws Exception {
        Account other = ORG.accounts().get(ORG.accounts().size() - 1);
        JsonNode good = Messages.MAPPER.readTree("{\"v\":1,\"accountId\":\"" + other.id() + "\",\"accountName\":\"" + other.name() + "\"}");
        sendCorpusThenGood(Topics.ACCOUNT_EVENTS, other.id(), good);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> metric(coordinator,
                "eksfleet_coordinator_account_events_total{outcome=\"accepted\"}") == 1);
        assertReady();
    }

    @Test
    @Order(6)
    void clusterEvents() throws Exception {
        String region = ACCOUNT.clusters().get(0).region();
        JsonNode good = clusterEvent("good-event", ACCOUNT.id(), region, ACCOUNT.clusters().get(0).name());
        sendCorpusThenGood(Topics.CLUSTER_EVENTS, "any", good);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> clusterEvents("accepted") == 1);
        assertReady();
    }

    /** The account's enabled regions are known from the scan of the requests test, which asked for them. */
    @Test
    @Order(7)
    void clusterEventsOfRegionsThatCannotHoldTheAccountsClustersAreRefusedAtIntake() throws Exception {
        String notEnabled = List.of("ap-south-1", "eu-north-1", "sa-east-1", "ca-central-1", "ap-northeast-3").stream()
                .filter(r -> !ACCOUNT.regions().contains(r)).findFirst().orElseThrow();
        int unreadable = clusterEvents("unknown", "unreadable");
        for (String region : List.of(notEnabled, "us-gov-west-1", "../../etc")) {
            String id = "region-" + region.replace("/", "");
            producer.send(new ProducerRecord<>(Topics.CLUSTER_EVENTS.name(), id,
                    clusterEvent(id, ACCOUNT.id(), region, "orders").toString().getBytes(StandardCharsets.UTF_8))).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> clusterEvents("refused-region") == 2
                && clusterEvents("unknown", "unreadable") == unreadable + 1);
        assertThat(clusterEvents("accepted")).as("no look started").isEqualTo(1);
        assertThat(TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().map(TopicRecords.Raw::value))
                .noneMatch(v -> v != null && v.contains("\"ScanStarted\"") && (v.contains(notEnabled) || v.contains("us-gov-west-1")));
    }

    @Test
    @Order(8)
    void deadLetters() throws Exception {
        Topic<AccountTask> topic = Topics.deadLetterOf(Topics.ACCOUNTS);
        AccountTask task = new AccountTask(VersionedMessage.VERSION, "hostile-dlt", ACCOUNT.id(), ACCOUNT.name(), Access.viaHub(HUB, ROLE), List.of(),
                List.of(ACCOUNT.clusters().get(0).region()), null, 0, null);
        long skipped = SkippedRecords.count(topic.name());
        int corpus = sendCorpusThenGood(topic, ACCOUNT.id(), Messages.MAPPER.valueToTree(task));
        CliRun replay = CliRun.of("dead-letters", "--bootstrap-servers", bootstrap, "--replay", "--wait", "60s");
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 1 dead letters");
        assertThat(SkippedRecords.count(topic.name()) - skipped).as("every bad dead letter counted").isGreaterThanOrEqualTo(corpus);
        awaitEvent("hostile-dlt", "AccountScanned");
        CliRun list = CliRun.of("dead-letters", "--bootstrap-servers", bootstrap, "--output", "json");
        assertThat(list.exitCode()).as(list.err()).isEqualTo(2);
        assertThat(list.out()).doesNotContain("\u001b");
    }

    /** The corpus around {@code good}, then {@code good}, all on partition 0: the good one is read after every bad one. */
    private int sendCorpusThenGood(Topic<?> topic, String key, JsonNode good) throws Exception {
        List<ProducerRecord<String, byte[]>> corpus = RecordCorpus.around(topic, key, good);
        long skipped = SkippedRecords.count(topic.name());
        for (ProducerRecord<String, byte[]> bad : corpus) {
            producer.send(new ProducerRecord<>(bad.topic(), 0, bad.key(), bad.value())).get();
        }
        producer.send(new ProducerRecord<>(topic.name(), 0, key, good.toString().getBytes(StandardCharsets.UTF_8))).get();
        // The inventory and the dead letters are read when a role starts or a command runs; the others all the time.
        if (topic != Topics.INVENTORY && !topic.name().endsWith("-dlt")) {
            Awaitility.await(topic.name() + ": every bad record skipped and counted").atMost(Duration.ofSeconds(60))
                    .until(() -> SkippedRecords.count(topic.name()) - skipped >= corpus.size());
        }
        return corpus.size();
    }

    private void awaitEvent(String scanId, String type) {
        Awaitility.await(type + " of " + scanId).atMost(Duration.ofSeconds(60))
                .until(() -> eventsByScan.getOrDefault(scanId, Set.of()).contains(type));
    }

    private void assertReady() throws Exception {
        for (RunningRole role : List.of(coordinator, worker)) {
            Matcher port = Pattern.compile("management on port (\\d+)").matcher(role.err());
            assertThat(port.find()).as(role.err()).isTrue();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port.group(1) + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("ready: " + role.err()).isEqualTo(200);
        }
    }

    private int clusterEvents(String outcome) throws Exception {
        return clusterEvents("CreateCluster", outcome);
    }

    private int clusterEvents(String event, String outcome) throws Exception {
        Matcher value = Pattern.compile("eksfleet_coordinator_cluster_events_total\\{event=\"" + event + "\",outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(ManagementEndpoint.get(coordinator.err(), "/metrics"));
        return value.find() ? (int) Double.parseDouble(value.group(1)) : -1;
    }

    static int metric(RunningRole role, String series) throws Exception {
        String metrics = ManagementEndpoint.get(role.err(), "/metrics");
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return value.find() ? (int) Double.parseDouble(value.group(1)) : -1;
    }

    static JsonNode clusterEvent(String id, String account, String region, String cluster) {
        return Messages.MAPPER.readTree("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"source\":\"aws.eks\",\"account\":\"" + account + "\",\"region\":\"" + region + "\",\"detail\":{"
                + "\"eventSource\":\"eks.amazonaws.com\",\"eventName\":\"CreateCluster\",\"eventID\":\"" + id + "\",\"awsRegion\":\""
                + region + "\",\"recipientAccountId\":\"" + account + "\",\"requestParameters\":{\"name\":\"" + cluster + "\"}}}");
    }

    private static InventoryRecord inventoryRecord() {
        return new InventoryRecord(InventoryRecord.VERSION, OUTSIDE_ARN, "kept", "999999999999", "outside", "eu-west-1",
                "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com", "Q0E=", "1.31", "eks.9", "ACTIVE",
                Map.of("team", "pay"), Instant.parse("2026-01-01T00:00:00Z"), Access.viaHub(HUB, ROLE), "earlier-scan",
                Instant.now(), null, null, null, null);
    }
}
