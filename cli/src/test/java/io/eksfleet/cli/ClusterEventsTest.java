package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.cli.worker.WorkerCommand;
import io.eksfleet.inventory.InventoryListener;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EKS's CloudTrail events keep the inventory current without a full scan: a cluster created, upgraded and deleted
 * in the simulator, each change's event published as EventBridge delivers it, and the inventory follows through
 * the transitional statuses to the settled one and the tombstone. Real broker, coordinator and worker roles.
 */
class ClusterEventsTest {

    static final Organization ORG = OrgGenerator.generate(3, 1, 4, 67);
    static final Duration SETTLE = Duration.ofSeconds(3);

    final Map<String, InventoryRecord> inventory = new ConcurrentHashMap<>();

    /** The hub identity of the simulated organisation, as the roles' default credential chain finds it. */
    @BeforeEach
    void hubIdentity() {
        System.setProperty("aws.accessKeyId", ORG.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", ORG.hub().secretAccessKey());
    }

    @AfterEach
    void noHubIdentity() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** Keeps {@link #inventory} as the inventory topic says it is. */
    InventoryListener follow(String bootstrap) {
        return new InventoryListener(KafkaClients.at(bootstrap), (key, record) -> {
            if (record == null) {
                inventory.remove(key);
            } else {
                inventory.put(key, record);
            }
        });
    }

    @Test
    void aClusterCreatedUpgradedAndDeletedIsFollowedFromItsEventsToItsSettledStateAndItsTombstone() throws Exception {
        Account account = ORG.accounts().get(0);
        String region = account.regions().get(0);
        String arn = "arn:aws:eks:" + region + ":" + account.id() + ":cluster/orders";
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            String bootstrap = fixture.bootstrapServers();
            WorkerCommand workerCommand = new WorkerCommand();
            CoordinatorCommand coordinatorCommand = new CoordinatorCommand();
            try (RunningRole worker = new RunningRole(workerCommand, workerCommand::stop, "worker(s) on", "--bootstrap-servers", bootstrap);
                 RunningRole coordinator = new RunningRole(coordinatorCommand, coordinatorCommand::stop, "and account events",
                         "--bootstrap-servers", bootstrap, "--assume-role", "ReadOnly", "--management-port", "0");
                 InventoryListener listener = follow(bootstrap)) {
                // The scan events complement: it also tells the inventory the accounts' names, which events do not carry.
                CliRun scan = CliRun.of("scan", "--workers", "0", "--assume-role", "ReadOnly", "--bootstrap-servers", bootstrap,
                        "--kubeconfig", fixture.cache.resolve("kubeconfig").toString(), "--aws-config", fixture.cache.resolve("aws-config").toString());
                assertThat(scan.exitCode()).as(scan.err()).isZero();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inventory.size() == ORG.clusters().count());
                int scansBefore = scans(bootstrap);
                Map<String, Object> created = fixture.sim.clusters().create(account.id(), region, "orders", "1.32", Map.of("team", "orders"), SETTLE);
                publish(bootstrap, created);
                await("CREATING from the event", () -> inventory.containsKey(arn) && inventory.get(arn).status().equals("CREATING"));
                assertThat(inventory.get(arn).lastSeenBy()).isEqualTo(InventoryRecord.BY_EVENT);
                assertThat(inventory.get(arn).accountName()).as("the name the inventory knows").isEqualTo(account.name());
                await("ACTIVE once it settled, with no event", () -> inventory.get(arn).status().equals("ACTIVE"));
                assertThat(inventory.get(arn).endpoint()).startsWith("https://");

                publish(bootstrap, fixture.sim.clusters().updateVersion(account.id(), region, "orders", "1.33", SETTLE));
                await("the new version", () -> "1.33".equals(inventory.get(arn).kubernetesVersion()) && inventory.get(arn).status().equals("ACTIVE"));

                publish(bootstrap, fixture.sim.clusters().delete(account.id(), region, "orders", SETTLE));
                await("DELETING from the event", () -> inventory.containsKey(arn) && inventory.get(arn).status().equals("DELETING"));
                await("the tombstone once it is gone", () -> !inventory.containsKey(arn));

                Map<String, Object> refused = refused(created);
                publish(bootstrap, refused);
                publish(bootstrap, created);
                await("a refused call and a duplicate counted", () -> clusterEvents(coordinator, "CreateCluster", "failed") == 1
                        && clusterEvents(coordinator, "CreateCluster", "duplicate") == 1);
                assertThat(clusterEvents(coordinator, "CreateCluster", "accepted")).isEqualTo(1);
                String metrics = ManagementEndpoint.get(coordinator.err(), "/metrics");
                assertThat(metrics).as("one latency per event, not per look again").containsPattern("eksfleet_coordinator_cluster_event_latency_seconds_count 3(\\.0)?\\n");
                assertThat(scans(bootstrap) - scansBefore).as("looks at one region, never a full scan").isGreaterThanOrEqualTo(3);
                assertThat(TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().map(TopicRecords.Raw::value)
                        .filter(v -> v.contains("\"ScanStarted\"") && v.contains("\"origin\":\"cluster-event:")))
                        .as("every look an event asked for covers the event's region only").hasSizeGreaterThanOrEqualTo(3)
                        .allMatch(v -> v.contains("\"regions\":[\"" + region + "\"]"));
                assertThat(TopicRecords.assertPublicRecordsValid(bootstrap)).isPositive();
            }
        }
    }

    @Test
    void aCoordinatorRestartedWhileAClusterIsChangingLooksAtItAgainUntilItSettles() throws Exception {
        Account account = ORG.accounts().get(1);
        String region = account.regions().get(0);
        String arn = "arn:aws:eks:" + region + ":" + account.id() + ":cluster/slow";
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            String bootstrap = fixture.bootstrapServers();
            String[] coordinatorArgs = {"--bootstrap-servers", bootstrap, "--assume-role", "ReadOnly"};
            WorkerCommand workerCommand = new WorkerCommand();
            try (RunningRole worker = new RunningRole(workerCommand, workerCommand::stop, "worker(s) on", "--bootstrap-servers", bootstrap);
                 InventoryListener listener = follow(bootstrap)) {
                CoordinatorCommand first = new CoordinatorCommand();
                try (RunningRole coordinator = new RunningRole(first, first::stop, "and account events", coordinatorArgs)) {
                    publish(bootstrap, fixture.sim.clusters().create(account.id(), region, "slow", "1.33", Map.of(), Duration.ofSeconds(10)));
                    await("CREATING from the event", () -> inventory.containsKey(arn) && inventory.get(arn).status().equals("CREATING"));
                }
                // The looks the first coordinator had planned died with it; no event will come.
                CoordinatorCommand second = new CoordinatorCommand();
                try (RunningRole coordinator = new RunningRole(second, second::stop, "and account events", coordinatorArgs)) {
                    await("ACTIVE, looked at by the restarted coordinator", () -> inventory.get(arn).status().equals("ACTIVE"));
                }
            }
        }
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).until(condition);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> refused(Map<String, Object> event) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        Map<String, Object> detail = new LinkedHashMap<>((Map<String, Object>) event.get("detail"));
        detail.put("errorCode", "ResourceInUseException");
        detail.put("eventID", "refused-" + detail.get("eventID"));
        copy.put("detail", detail);
        return copy;
    }

    private static void publish(String bootstrap, Map<String, Object> event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLUSTER_EVENTS.name(), null,
                    Messages.MAPPER.writeValueAsString(event).getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static int scans(String bootstrap) {
        return (int) TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().filter(r -> r.value().contains("\"ScanStarted\"")).count();
    }

    private static int clusterEvents(RunningRole coordinator, String event, String outcome) throws Exception {
        Matcher value = Pattern.compile("eksfleet_coordinator_cluster_events_total\\{event=\"" + event + "\",outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(ManagementEndpoint.get(coordinator.err(), "/metrics"));
        return value.find() ? (int) Double.parseDouble(value.group(1)) : -1;
    }
}
