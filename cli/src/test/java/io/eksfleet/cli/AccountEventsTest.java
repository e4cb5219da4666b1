package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.kubeconfig.KubeconfigCommand;
import io.eksfleet.events.AccountEventScans;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.Outcome;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Account events and the inventory end to end: a coordinator taking {@code eksfleet.account-events} (hub
 * mode) and a worker, in this JVM, on a real broker and the simulator. The sample events in
 * {@code src/test/resources/events} are published as they are; the simulated organisation has their accounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountEventsTest {

    static final String ROLE = "EksFleetReader";
    static final String ORGANIZATIONS_ACCOUNT = "210987654321";
    static final String CONTROL_TOWER_ACCOUNT = "310987654321";
    static final String MINIMAL_ACCOUNT = "410987654321";
    /** Created without the role; it is added while its scan waits. */
    static final String LATE_ACCOUNT = "510987654321";
    static final Organization ORG = withNewAccounts(OrgGenerator.generate(12, 3, 40, 2611));

    @TempDir
    static Path dir;

    ScanFixture fixture;
    Simulator sim;
    String bootstrap;
    RunningRole worker;
    RunningRole coordinator;
    final Map<String, String> inventory = new java.util.concurrent.ConcurrentHashMap<>();
    io.eksfleet.inventory.InventoryListener inventoryListener;

    @BeforeAll
    void start() throws Exception {
        fixture = new ScanFixture(ORG, RateLimits.UNLIMITED);
        sim = fixture.sim;
        bootstrap = fixture.bootstrapServers();
        fixture.hubIdentity(ORG);
        worker = RunningRole.worker(bootstrap, "--backoff", "200ms");
        coordinator = RunningRole.coordinator(bootstrap, ROLE, "--access-retry-window", "2m", "--management-port", "0");
        inventoryListener = new io.eksfleet.inventory.InventoryListener(KafkaClients.at(bootstrap), (arn, record) -> {
            if (record == null) {
                inventory.remove(arn);
            } else {
                inventory.put(arn, record.lastSeenScanId());
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        inventoryListener.close();
        coordinator.close();
        worker.close();
        fixture.close();
    }

    @Test
    @Order(1)
    void eachKindOfEventPutsTheNewAccountsClustersOnTheInventory() throws Exception {
        publish("organizations-create-account-result.json");
        publish("controltower-create-managed-account.json");
        publish("minimal.json");
        for (String account : List.of(ORGANIZATIONS_ACCOUNT, CONTROL_TOWER_ACCOUNT, MINIMAL_ACCOUNT)) {
            Set<String> arns = arns(account);
            assertThat(arns).isNotEmpty();
            Awaitility.await(account + " on the inventory").atMost(Duration.ofSeconds(60))
                    .until(() -> inventory.keySet().containsAll(arns));
            assertThat(inventory.get(arns.iterator().next())).isEqualTo(AccountEventScans.scanId(account));
        }
        assertThat(inventory.keySet()).as("only the announced accounts were scanned")
                .allMatch(arn -> Stream.of(ORGANIZATIONS_ACCOUNT, CONTROL_TOWER_ACCOUNT, MINIMAL_ACCOUNT).anyMatch(arn::contains));
        assertThat(accountEvents("accepted")).isEqualTo(3);
    }

    @Test
    @Order(2)
    void aDuplicateEventDoesNoDuplicateWork() throws Exception {
        long described = describeRegions(ORGANIZATIONS_ACCOUNT);
        assertThat(described).isEqualTo(1);
        publish("organizations-create-account-result.json");
        publish("organizations-create-account-result.json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> accountEvents("duplicate") == 2);
        assertThat(describeRegions(ORGANIZATIONS_ACCOUNT)).isEqualTo(described);
    }

    @Test
    @Order(3)
    void anEventThatDidNotSucceedDoesNothingAndSaysSo() throws Exception {
        long assumed = sim.calls().count(Api.STS_ASSUME_ROLE);
        int scans = scanStarts();
        publish("organizations-create-account-result-failed.json");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> accountEvents("not-succeeded") == 1);
        assertThat(scanStarts()).isEqualTo(scans);
        assertThat(sim.calls().count(Api.STS_ASSUME_ROLE)).isEqualTo(assumed);
    }

    @Test
    @Order(4)
    void anAccountWhoseRoleArrivesLateIsScannedOnceItDoes() throws Exception {
        String event = "{\"v\":1,\"accountId\":\"" + LATE_ACCOUNT + "\",\"accountName\":\"late\"}";
        publishJson(event);
        Awaitility.await("denied twice").atMost(Duration.ofSeconds(30))
                .until(() -> sim.calls().count(Api.STS_ASSUME_ROLE, Outcome.DENIED) >= 2);
        assertThat(inventory.keySet()).noneMatch(arn -> arn.contains(LATE_ACCOUNT));
        int duplicates = accountEvents("duplicate");
        publishJson(event);
        Awaitility.await("the same event while its scan runs").atMost(Duration.ofSeconds(30))
                .until(() -> accountEvents("duplicate") == duplicates + 1);
        assertThat(accountEvents("accepted")).as("the three of the first test and this one, once").isEqualTo(4);
        sim.updateOrg(org -> org.withAccount(LATE_ACCOUNT, a -> a.withRoles(List.of(ROLE))));
        Set<String> arns = arns(LATE_ACCOUNT);
        Awaitility.await("the late account on the inventory").atMost(Duration.ofSeconds(60))
                .until(() -> inventory.keySet().containsAll(arns));
        List<String> retried = TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().map(TopicRecords.Raw::value)
                .filter(v -> v.contains("\"TaskRetried\"") && v.contains(LATE_ACCOUNT)).toList();
        assertThat(retried).isNotEmpty().allMatch(v -> v.contains("\"errorCode\":\"AccessDenied\""));
    }

    @Test
    @Order(5)
    void aDeletedClusterIsTombstonedByTheNextCompleteScanAndAPartialScanTombstonesNothing() throws Exception {
        assertThat(fleetScan("full-1").exitCode()).isZero();
        Set<String> all = ORG.clusters().map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inventory.keySet().equals(all));

        // A region away from the hub's, whose DescribeRegions calls stay allowed.
        String region = ORG.clusters().map(c -> c.cluster().region()).filter(r -> !r.equals("us-east-1")).findFirst().orElseThrow();
        Organization.OrgCluster deleted = ORG.clusters().filter(c -> !c.cluster().region().equals(region)).findFirst().orElseThrow();
        Organization.OrgCluster unseen = ORG.clusters().filter(c -> c.cluster().region().equals(region)).findFirst().orElseThrow();
        sim.updateOrg(org -> org.withoutCluster(deleted.arn()).withoutCluster(unseen.arn()));
        sim.updateFaults(f -> f.withDeniedRegions(Set.of(region)));
        try {
            CliRun partial = fleetScan("partial");
            assertThat(partial.exitCode()).as("regions of " + region + " failed").isEqualTo(2);
        } finally {
            sim.updateFaults(f -> f.withDeniedRegions(Set.of()));
        }
        Awaitility.await("the tombstone").atMost(Duration.ofSeconds(30)).until(() -> !inventory.containsKey(deleted.arn()));
        assertThat(TopicRecords.all(bootstrap, Topics.INVENTORY.name()))
                .anyMatch(r -> r.key().equals(deleted.arn()) && r.value() == null)
                .noneMatch(r -> r.key().equals(unseen.arn()) && r.value() == null);
        assertThat(inventory).as("not listed, so not removed").containsKey(unseen.arn());

        assertThat(fleetScan("full-2").exitCode()).isZero();
        Awaitility.await("removed once its region is listed").atMost(Duration.ofSeconds(30))
                .until(() -> !inventory.containsKey(unseen.arn()));
    }

    @Test
    @Order(6)
    void kubeconfigSyncFromTheInventoryWritesTheScansKubeconfig() throws Exception {
        Path synced = dir.resolve("synced/config");
        CliRun sync = CliRun.of("kubeconfig", "sync", "--bootstrap-servers", bootstrap, "--kubeconfig", synced.toString(),
                "--aws-config", dir.resolve("synced/aws").toString());
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("added");
        assertThat(Files.readString(synced)).isEqualTo(Files.readString(dir.resolve("full-2/config")));
    }

    @Test
    @Order(7)
    void kubeconfigSyncFollowsTheInventory() throws Exception {
        Path followed = dir.resolve("followed/config");
        KubeconfigCommand.Sync command = new KubeconfigCommand.Sync();
        Organization.OrgCluster gone = sim.org().clusters().filter(c -> c.cluster().status().name().equals("ACTIVE"))
                .findFirst().orElseThrow();
        try (RunningRole follow = new RunningRole(command, command::stop, "eksfleet kubeconfig sync:",
                "--bootstrap-servers", bootstrap, "--kubeconfig", followed.toString(), "--aws-config",
                dir.resolve("followed/aws").toString(), "--follow", "--prune")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(followed)
                    && Files.readString(followed).contains(gone.arn()));
            sim.updateOrg(org -> org.withoutCluster(gone.arn()));
            assertThat(fleetScan("full-3").exitCode()).isZero();
            Awaitility.await("the followed kubeconfig drops the deleted cluster").atMost(Duration.ofSeconds(30))
                    .until(() -> !Files.readString(followed).contains(gone.arn()));
            assertThat(follow.stop()).isZero();
        }
    }

    @Test
    @Order(8)
    void everyRecordOnThePublicTopicsValidatesAgainstItsSchema() {
        for (String topic : TopicRecords.PUBLIC) {
            if (!topic.equals(Topics.CLUSTER_EVENTS.name())) {
                // ClusterEventsTest publishes and checks the cluster events; this test has none.
                assertThat(TopicRecords.all(bootstrap, topic)).as(topic).isNotEmpty();
            }
        }
        assertThat(TopicRecords.assertPublicRecordsValid(bootstrap)).isGreaterThan(100);
        assertThat(TopicRecords.violations(Topics.INVENTORY.name(), "{\"v\":1,\"arn\":\"not-an-arn\"}"))
                .as("the schemas do reject").isNotEmpty();
    }

    private CliRun fleetScan(String name) {
        return CliRun.of("scan", "--workers", "0", "--assume-role", ROLE, "--bootstrap-servers", bootstrap,
                "--kubeconfig", dir.resolve(name + "/config").toString(), "--aws-config", dir.resolve(name + "/aws").toString());
    }

    private Set<String> arns(String account) {
        return ORG.clusters().filter(c -> c.account().id().equals(account)).map(Organization.OrgCluster::arn)
                .collect(Collectors.toSet());
    }

    private long describeRegions(String account) {
        return sim.calls().count(c -> c.api() == Api.EC2_DESCRIBE_REGIONS && account.equals(c.account()));
    }

    private int scanStarts() {
        return (int) TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream()
                .filter(r -> r.value().contains("\"ScanStarted\"")).count();
    }

    /** The coordinator's count of account events with this outcome, from its Prometheus endpoint. */
    private int accountEvents(String outcome) throws IOException, InterruptedException {
        String metrics = ManagementEndpoint.get(coordinator.err(), "/metrics");
        Matcher value = Pattern.compile("eksfleet_coordinator_account_events_total\\{outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(metrics);
        return value.find() ? (int) Double.parseDouble(value.group(1)) : 0;
    }

    private void publish(String sample) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/events/" + sample)) {
            publishJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void publishJson(String json) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), null,
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }
    }

    /** The generated organisation plus the accounts the sample events announce, and one whose role comes late. */
    private static Organization withNewAccounts(Organization org) {
        List<Account> accounts = new ArrayList<>(org.accounts());
        List<String> fresh = List.of(ORGANIZATIONS_ACCOUNT, CONTROL_TOWER_ACCOUNT, MINIMAL_ACCOUNT, LATE_ACCOUNT);
        for (int i = 0; i < fresh.size(); i++) {
            Account template = org.accounts().stream().filter(a -> !a.clusters().isEmpty()).skip(i).findFirst().orElseThrow();
            List<String> roles = fresh.get(i).equals(LATE_ACCOUNT)
                    ? template.roles().stream().filter(r -> !r.equals(ROLE)).toList() : template.roles();
            accounts.add(new Account(fresh.get(i), "new-" + i, "new-" + i + "@example.com", template.status(), roles,
                    template.regions(), null, template.clusters()));
        }
        return org.withAccounts(accounts);
    }
}
