package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.SkipReason;
import io.eksfleet.topic.SkippedRecords;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can write the inventory topic cannot point kubectl anywhere: {@code kubeconfig sync} on a real broker
 * writes the clusters that pass the check, and refuses, by name and with the reason, a record filed under another
 * cluster's key, one whose endpoint is not its region's EKS endpoint, and a loopback endpoint unless allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeconfigSyncRefusalTest {

    static final String ACCOUNT = "123456789012";
    static final String REAL = "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/payments";
    static final String STOLEN_KEY = "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/ledger";
    static final String EVIL = "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/ledger-evil";
    static final String OWN_KEY_EVIL_SERVER = "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/checkout";
    static final String LOCAL = "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/local";

    EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    void inventory() throws Exception {
        broker = EmbeddedBroker.start();
        Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
        TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30), 1);
        // A real cluster CA certificate, as the simulator models them.
        Organization org = OrgGenerator.generate(2, 1, 4, 3);
        String ca = org.clusters().map(c -> c.cluster().certificateAuthorityData()).filter(d -> d != null).findFirst().orElseThrow();
        String endpoint = "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, REAL, record(REAL, endpoint, ca));
            send(producer, STOLEN_KEY, record(EVIL, "https://evil.example.com", ca));
            send(producer, OWN_KEY_EVIL_SERVER, record(OWN_KEY_EVIL_SERVER, "https://evil.example.com", ca));
            send(producer, LOCAL, record(LOCAL, "https://127.0.0.1:6443/clusters/local", ca));
        }
    }

    private static InventoryRecord record(String arn, String endpoint, String ca) {
        String name = arn.substring(arn.indexOf("/") + 1);
        return InventoryRecord.of(new ClusterRecord(arn, name, ACCOUNT, "payments-prod", "EksFleetReader", "us-west-2", endpoint, ca,
                "1.33", "eks.9", "ACTIVE", Map.of(), Instant.EPOCH), Access.viaHub(new HubSource(null, "us-east-1"), null), "scan-1", Instant.now(),
                List.of(), InventoryRecord.BY_SCAN);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, InventoryRecord value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INVENTORY.name(), key, Messages.MAPPER.writeValueAsBytes(value))).get();
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    private CliRun sync(Path kubeconfig, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("kubeconfig", "sync", "--bootstrap-servers", broker.bootstrapServers(),
                "--kubeconfig", kubeconfig.toString(), "--aws-config", dir.resolve("aws-config").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void writesOnlyTheClusterThatPassesAndNamesEachRefusedRecord() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");

        CliRun run = sync(kubeconfig);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        String written = Files.readString(kubeconfig);
        assertThat(written).contains(REAL, "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com")
                .doesNotContain("evil.example.com", EVIL, OWN_KEY_EVIL_SERVER, LOCAL, "127.0.0.1");
        // The record under another cluster's key never reaches the sync: its reader skips and counts it.
        assertThat(SkippedRecords.count(Topics.INVENTORY.name(), SkipReason.KEY)).isPositive();
        assertThat(run.out()).contains("2 clusters refused, no entry written")
                .doesNotContain("refused: " + STOLEN_KEY)
                .contains("refused: " + OWN_KEY_EVIL_SERVER + ": endpoint 'https://evil.example.com' is not the EKS API endpoint of us-west-2")
                .contains("refused: " + LOCAL + ": endpoint 'https://127.0.0.1:6443/clusters/local' is not the EKS API endpoint of us-west-2")
                .contains("a local endpoint needs --allow-loopback-endpoints");
    }

    @Test
    void aSelectionWritesOnlyTheClustersItSelects() throws Exception {
        CliRun elsewhere = sync(dir.resolve("other-region"), "--regions", "eu-west-1");
        assertThat(elsewhere.exitCode()).as(elsewhere.out() + elsewhere.err()).isZero();
        assertThat(Files.readString(dir.resolve("other-region"))).doesNotContain(REAL);
        assertThat(elsewhere.out()).doesNotContain("refused");

        CliRun selected = sync(dir.resolve("selected"), "--accounts", "payments-*", "--regions", "us-west-2");
        assertThat(selected.exitCode()).as(selected.out() + selected.err()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("selected"))).contains(REAL);
    }

    @Test
    void aLoopbackEndpointPassesWhereTheUserAllowsIt() throws Exception {
        Path kubeconfig = dir.resolve("local-kubeconfig");

        CliRun run = sync(kubeconfig, "--allow-loopback-endpoints");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(Files.readString(kubeconfig)).contains(REAL, LOCAL, "https://127.0.0.1:6443/clusters/local")
                .doesNotContain("evil.example.com");
        assertThat(run.out()).contains("1 cluster refused").doesNotContain("refused: " + LOCAL);
    }
}
