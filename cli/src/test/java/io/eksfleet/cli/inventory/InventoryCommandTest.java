package io.eksfleet.cli.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.CliRun;
import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.scan.HubSource;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
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
import tools.jackson.core.type.TypeReference;

/** {@code eksfleet inventory} over a known inventory on a real broker: every filter, every format, tombstones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryCommandTest {

    static final Instant NOW = Instant.now();
    EmbeddedBroker broker;

    static final Instant FIRST_SCAN = NOW.minusSeconds(7200);
    static final Instant SECOND_SCAN = NOW.minusSeconds(1800);

    static InventoryRecord record(String scan, String account, String accountName, String region, String name, String version, String status,
                                  Map<String, String> tags, Instant seen) {
        return record(scan, account, accountName, region, name, version, status, tags, seen, null);
    }

    /** {@code access}: what the scan's role may do there, or null where the scan did not look. */
    static InventoryRecord record(String scan, String account, String accountName, String region, String name, String version, String status,
                                  Map<String, String> tags, Instant seen, KubernetesAccess.Answer access) {
        String arn = "arn:aws:eks:" + region + ":" + account + ":cluster/" + name;
        ClusterRecord cluster = new ClusterRecord(arn, name, account, accountName, "EksFleetReader", region, "https://" + name + ".example.com",
                "Q0E=", version, "eks.1", status, tags, Instant.EPOCH);
        if (access != null) {
            cluster = cluster.withAccess(AuthenticationMode.API, new KubernetesAccess("EksFleetReader", access, null, null, null, null,
                    List.of(), List.of()));
        }
        return InventoryRecord.of(cluster, Access.viaHub(new HubSource(null, "us-east-1"), null), scan, seen, List.of(), InventoryRecord.BY_SCAN);
    }

    @BeforeAll
    void inventory() throws Exception {
        broker = EmbeddedBroker.start();
        TopicAdmin.ensureTopics(KafkaClients.at(broker.bootstrapServers()), Duration.ofSeconds(30), 3);
        // Two scans: the first (two hours ago) saw spark on 1.29 while upgrading, ledger, and gone; the second (half an
        // hour ago) saw spark on 1.30, a new cluster checkout, and gone no more.
        InventoryRecord gone = record("scan-1", "222222222222", "data-sandbox", "eu-west-1", "gone", "1.30", "ACTIVE", Map.of(), FIRST_SCAN);
        List<ProducerRecord<String, byte[]>> history = new java.util.ArrayList<>();
        for (InventoryRecord r : List.of(
                record("scan-1", "222222222222", "data-sandbox", "eu-west-1", "spark", "1.29", "UPDATING", Map.of("team", "data"), FIRST_SCAN),
                record("scan-1", "111111111111", "payments-prod", "us-east-1", "ledger", "1.29", "UPDATING", Map.of("team", "payments", "tier", "1"),
                        NOW.minusSeconds(3 * 86_400)),
                gone)) {
            history.add(written(r.arn(), r, FIRST_SCAN));
        }
        for (InventoryRecord r : List.of(
                record("scan-2", "222222222222", "data-sandbox", "eu-west-1", "spark", "1.30", "ACTIVE", Map.of("team", "data"), NOW.minusSeconds(3600),
                        KubernetesAccess.Answer.YES),
                record("scan-2", "111111111111", "payments-prod", "eu-west-1", "checkout", "1.31", "ACTIVE", Map.of("team", "payments"),
                        NOW.minusSeconds(60), KubernetesAccess.Answer.NO))) {
            history.add(written(r.arn(), r, SECOND_SCAN));
        }
        history.add(written(gone.arn(), null, SECOND_SCAN.plusSeconds(1)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : history) {
                producer.send(r).get();
            }
        }
    }

    private static ProducerRecord<String, byte[]> written(String arn, InventoryRecord record, Instant at) {
        return new ProducerRecord<>(Topics.INVENTORY.name(), null, at.toEpochMilli(), arn,
                record == null ? null : Messages.MAPPER.writeValueAsBytes(record));
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    List<String> names(String... filters) throws Exception {
        CliRun run = inventory(concat(filters, "--output", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Messages.MAPPER.readValue(run.out(), new TypeReference<List<Map<String, Object>>>() { }).stream()
                .map(r -> (String) r.get("name")).toList();
    }

    CliRun inventory(String... args) {
        return CliRun.of(concat(new String[] {"inventory", "--bootstrap-servers", broker.bootstrapServers()}, args));
    }

    @Test
    void everyFilterNarrowsTheInventoryAndATombstoneRemovesItsCluster() throws Exception {
        assertThat(names()).containsExactly("spark", "checkout", "ledger");
        assertThat(names("--accounts", "PAYMENTS-*")).containsExactly("checkout", "ledger");
        assertThat(names("--exclude-accounts", "111111111111")).containsExactly("spark");
        assertThat(names("--regions", "eu-west-1")).containsExactly("spark", "checkout");
        assertThat(names("--status", "updating")).containsExactly("ledger");
        assertThat(names("--kubernetes-version", "<1.31")).containsExactly("spark", "ledger");
        assertThat(names("--kubernetes-version", ">=1.30", "--regions", "eu-west-1")).containsExactly("spark", "checkout");
        assertThat(names("--kubernetes-version", "1.29")).containsExactly("ledger");
        assertThat(names("--tag", "team=payments", "--tag", "tier=*")).containsExactly("ledger");
        assertThat(names("--seen-before", "24h")).containsExactly("ledger");
        assertThat(names("--access", "no")).containsExactly("checkout");
        assertThat(names("--access", "yes,unknown")).as("no scan looked at ledger's access").containsExactly("spark", "ledger");
        CliRun wrong = inventory("--access", "maybe");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err().strip()).startsWith("eksfleet inventory: --access: not an access answer (yes, no, unknown): maybe")
                .doesNotContain("\n");
    }

    @Test
    void aTableForPeopleAndCsvForSpreadsheets() {
        CliRun table = inventory("--accounts", "payments-prod");
        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ACCOUNT").contains("REGION", "CLUSTER", "VERSION", "STATUS", "ACCESS", "SEEN");
        assertThat(lines.get(1)).contains("payments-prod (111111111111)", "eu-west-1", "checkout", "1.31", "ACTIVE", " no ", "s ago");
        assertThat(lines.get(2)).contains("ledger", "UPDATING", "3d ago");
        assertThat(lines.get(3)).isEqualTo("2 of 3 clusters");

        CliRun csv = inventory("--output", "csv", "--status", "ACTIVE");
        assertThat(csv.out().lines().toList()).hasSize(3).first().asString()
                .isEqualTo("accountId,accountName,region,cluster,kubernetesVersion,status,lastSeenAt,arn,access");
        assertThat(csv.out()).contains("222222222222,data-sandbox,eu-west-1,spark,1.30,ACTIVE,").contains(":cluster/spark,yes");
    }

    @Test
    void changesSinceATimeOrAScanAreTheClustersAddedRemovedAndChanged() throws Exception {
        for (String since : List.of("1h", SECOND_SCAN.minusSeconds(60).toString(), "scan-2")) {
            CliRun text = inventory("--changes", since);
            assertThat(text.exitCode()).as(text.err()).isZero();
            assertThat(text.out().lines().toList()).as(since).containsExactly(
                    text.out().lines().findFirst().orElseThrow(),
                    "+ payments-prod (111111111111) eu-west-1 checkout 1.31 ACTIVE",
                    "- data-sandbox (222222222222) eu-west-1 gone 1.30 ACTIVE",
                    "~ data-sandbox (222222222222) eu-west-1 spark 1.30 ACTIVE: kubernetesVersion 1.29 -> 1.30, status UPDATING -> ACTIVE");
            assertThat(text.out()).startsWith("Since ").contains(": 1 added, 1 removed, 1 changed");
        }
        CliRun json = inventory("--changes", "3h", "--output", "json", "--accounts", "data-*");
        Map<String, Object> report = Messages.MAPPER.readValue(json.out(), new TypeReference<Map<String, Object>>() { });
        assertThat((List<?>) report.get("added")).as("all of data-sandbox was new three hours ago").hasSize(1);
        assertThat((List<?>) report.get("removed")).isEmpty();
        assertThat(inventory("--changes", "no-such-scan").err()).contains("--changes: 'no-such-scan' is neither a duration");
    }

    @Test
    void yamlIsTheDataOfTheJsonForTheClustersAndTheirChanges() throws Exception {
        // --changes since a fixed time, so that both runs report the same "since".
        for (String[] query : List.of(new String[] {"--status", "ACTIVE,UPDATING"},
                new String[] {"--changes", FIRST_SCAN.minusSeconds(60).toString()})) {
            CliRun json = inventory(concat(query, "--output", "json"));
            CliRun yaml = inventory(concat(query, "--output", "yaml"));
            assertThat(yaml.exitCode()).as(yaml.err()).isZero();
            assertThat(yaml.out()).doesNotStartWith("{").doesNotStartWith("[");
            tools.jackson.databind.JsonNode fromYaml = Messages.MAPPER.valueToTree(new org.yaml.snakeyaml.Yaml().load(yaml.out()));
            assertThat(fromYaml).isEqualTo(Messages.MAPPER.readTree(json.out()));
            assertThat(fromYaml.size()).isPositive();
        }
    }

    @Test
    void aVersionThatIsNotOneIsRefusedInOneLine() {
        CliRun run = inventory("--kubernetes-version", "newest");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("eksfleet inventory: --kubernetes-version: 'newest' is not a version or a comparison")
                .doesNotContain("\n");
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(InventoryFilter.compare("1.9", "1.10")).isNegative();
        assertThat(InventoryFilter.compare("1.30", "1.30.0")).isZero();
        assertThat(InventoryCommand.ago(Duration.ofHours(49))).isEqualTo("2d ago");
    }

    static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }
}
