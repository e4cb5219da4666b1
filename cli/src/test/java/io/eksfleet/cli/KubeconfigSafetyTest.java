package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.kubeconfig.KubeconfigCommand;
import io.eksfleet.host.ProcessOwner;
import io.eksfleet.host.Tools;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's kubeconfig is never lost or damaged by a scan: their own entries survive {@code --prune},
 * a concurrent kubectl's writes survive scans and {@code kubeconfig sync --follow}, a context name is not
 * moved to another account's cluster, symlinks are written through, and a lock never throws a scan away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeconfigSafetyTest {

    static final String SESSION = "safety";
    static final Organization ORG = withEdgeClusters(OrgGenerator.generate(6, 2, 12, 31));

    @RegisterExtension
    final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);
    Simulator sim = fixture.sim;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        sim.updateOrg(o -> ORG);
        sim.latency(LatencySettings.NONE);
        sim.calls().reset();
    }

    CliRun scan(Path kubeconfig, Path awsConfig, String... extra) {
        return fixture.scan(ORG, SESSION, kubeconfig, awsConfig, extra);
    }

    @Test
    void pruneKeepsAHandWrittenContextAndItsUserAndTheCurrentContextStillWorks() throws Exception {
        Path kubeconfig = dir.resolve("ghost/config");
        Path awsConfig = dir.resolve("ghost/aws");
        assertThat(scan(kubeconfig, awsConfig).exitCode()).isZero();
        String ghost = connectable().get(0).arn();
        String mine = Files.readString(kubeconfig)
                .replace("clusters:\n", "clusters:\n- cluster:\n    server: https://prod.example.com\n  name: prod-cluster\n")
                .replace("contexts:\n", "contexts:\n- context:\n    cluster: " + ghost + "\n    user: alice\n  name: ghost-as-alice\n"
                        + "- context:\n    cluster: prod-cluster\n    user: alice\n  name: prod\n")
                .replace("current-context: ''", "current-context: prod")
                .replace("users:\n", "users:\n- name: alice\n  user:\n    token: alice-static-token\n");
        Files.writeString(kubeconfig, mine);
        sim.updateOrg(o -> o.withoutCluster(ghost));

        CliRun prune = scan(kubeconfig, awsConfig, "--prune");

        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("0 pruned").contains("kept (in use): " + ghost + " (still used by context ghost-as-alice)");
        Map<String, Object> after = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(ScanEndToEndTest.names(after, "users")).contains("alice").doesNotContain(ghost);
        assertThat(ScanEndToEndTest.names(after, "contexts")).contains("ghost-as-alice", "prod").hasSize(connectable().size() + 1);
        assertThat(ScanEndToEndTest.names(after, "clusters")).contains(ghost, "prod-cluster");
        assertThat(after.get("current-context")).isEqualTo("prod");
        if (Tools.optional("kubectl", "kubectl reads the kept context back").isPresent()) {
            ExternalCommand prod = ExternalCommand.run(Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString()),
                    "kubectl", "--context", "prod", "config", "view", "--minify", "-o", "jsonpath={.users[0].name}");
            assertThat(prod.exitCode()).as(prod.err()).isZero();
            assertThat(prod.out()).isEqualTo("alice");
        }
    }

    @Test
    void aContextNameThatPointsAtAnotherAccountsClusterIsNotRepointed() throws Exception {
        Path kubeconfig = dir.resolve("clash/config");
        Path awsConfig = dir.resolve("clash/aws");
        Account first = ORG.accounts().get(0);
        Account second = ORG.accounts().get(1);
        String firstEdge = "arn:aws:eks:" + first.regions().get(0) + ":" + first.id() + ":cluster/edge";
        String secondEdge = "arn:aws:eks:" + second.regions().get(0) + ":" + second.id() + ":cluster/edge";
        assertThat(scan(kubeconfig, awsConfig, "--accounts", first.id(), "--context-template", "{cluster}").exitCode()).isZero();

        CliRun other = scan(kubeconfig, awsConfig, "--accounts", second.id(), "--context-template", "{cluster}");

        assertThat(other.exitCode()).as(other.err()).isZero();
        String suffixed = "edge (" + second.id() + "/" + second.regions().get(0) + ")";
        assertThat(other.out()).contains("note: context edge already points at " + firstEdge + ", so " + secondEdge + " got " + suffixed);
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(contextCluster(kube, "edge")).isEqualTo(firstEdge);
        assertThat(contextCluster(kube, suffixed)).isEqualTo(secondEdge);
    }

    @Test
    void symlinkedKubeconfigAndAwsConfigAreWrittenThroughToTheirTargets() throws Exception {
        Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".kube"));
        Files.createDirectories(home.resolve(".aws"));
        Path kubeconfig = Files.createSymbolicLink(home.resolve(".kube/config"), dotfiles.resolve("kubeconfig"));
        Path awsConfig = Files.createSymbolicLink(home.resolve(".aws/config"), dotfiles.resolve("aws-config"));
        Files.writeString(dotfiles.resolve("aws-config"), "[default]\nregion = eu-west-1\n");

        CliRun run = scan(kubeconfig, awsConfig);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(kubeconfig)).isTrue();
        assertThat(Files.isSymbolicLink(awsConfig)).isTrue();
        assertThat(ScanEndToEndTest.names(ScanEndToEndTest.yaml(dotfiles.resolve("kubeconfig")), "contexts")).hasSize(connectable().size());
        assertThat(Files.readString(dotfiles.resolve("aws-config"))).startsWith("[default]\nregion = eu-west-1\n").contains("[sso-session safety]");
        try (var files = Files.list(dotfiles)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kubeconfig", "aws-config");
        }
    }

    /**
     * kubectl appends 200 contexts (each retried until kubectl reports success, as its lock makes a write
     * fail while another writer holds it) while scans and {@code kubeconfig sync --follow} rewrite the same file.
     */
    @Test
    void aConcurrentKubectlLosesNoEntryToScansOrAFollowingSync() throws Exception {
        Tools.require("kubectl", "kubectl writes the kubeconfig while eksfleet does");
        Path kubeconfig = dir.resolve("race/config");
        Path awsConfig = dir.resolve("race/aws");
        String bootstrap = fixture.bootstrapServers();
        TopicAdmin.ensureTopics(KafkaClients.at(bootstrap), Duration.ofSeconds(30));
        publishInventory(bootstrap, 0);
        KubeconfigCommand.Sync command = new KubeconfigCommand.Sync();
        AtomicBoolean kubectlDone = new AtomicBoolean();
        try (RunningRole follow = new RunningRole(command, command::stop, "eksfleet kubeconfig sync:", "--bootstrap-servers", bootstrap,
                "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString(), "--follow")) {
            CompletableFuture<Integer> kubectl = CompletableFuture.supplyAsync(() -> {
                int failedTries = 0;
                for (int i = 0; i < 200; i++) {
                    while (ExternalCommand.run(Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString()), "kubectl", "config",
                            "set-context", "race-" + i, "--cluster=race", "--user=race").exitCode() != 0) {
                        if (++failedTries > 5000) {
                            throw new AssertionError("kubectl kept failing");
                        }
                    }
                }
                kubectlDone.set(true);
                return failedTries;
            });
            int round = 0;
            // kubectl writes back every entry as it read it before it took the lock, and drops those it did not see
            // (client-go's ModifyConfig compares what it read at its start with the file under the lock), so its last
            // write can undo an eksfleet write made in between: one more round once kubectl is done puts them back.
            boolean last = false;
            while (!last) {
                last = kubectlDone.get() && round >= 3;
                if (last) {
                    kubectl.join();
                }
                round++;
                publishInventory(bootstrap, round);
                CliRun run = scan(kubeconfig, awsConfig, "--context-template", round % 2 == 0 ? "{accountName}/{region}/{cluster}" : "{cluster}.{accountId}");
                assertThat(run.exitCode()).as(run.err()).isZero();
            }
            int lastRound = round;
            try {
                Awaitility.await("sync writes the last inventory round").atMost(Duration.ofSeconds(60))
                        .until(() -> Files.readString(kubeconfig).contains(syncEndpoint(0, lastRound)));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("round " + lastRound + " is not in the kubeconfig; the sync printed:\n" + follow.err(), e);
            }
            assertThat(follow.stop()).isZero();
        }
        List<String> contexts = ScanEndToEndTest.names(ScanEndToEndTest.yaml(kubeconfig), "contexts");
        assertThat(contexts).containsAll(IntStream.range(0, 200).mapToObj(i -> "race-" + i).toList());
        assertThat(contexts).hasSize(200 + connectable().size() + 3).doesNotHaveDuplicates();
    }

    /**
     * Another program rewrites the file from what it read before the sync's write (as kubectl's config commands do), so
     * the sync's entries are gone while the inventory has not changed: the sync merges them in again on its own and
     * keeps what that program wrote.
     */
    @Test
    void aFollowingSyncPutsBackTheEntriesAnotherWriterDroppedAndKeepsThatWritersChange() throws Exception {
        Path kubeconfig = dir.resolve("heal/config");
        Path awsConfig = dir.resolve("heal/aws");
        String bootstrap = fixture.bootstrapServers();
        TopicAdmin.ensureTopics(KafkaClients.at(bootstrap), Duration.ofSeconds(30));
        publishInventory(bootstrap, 7);
        String persons = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mine
                  cluster: {server: "https://mine.example.com"}
                users:
                - name: me
                  user: {token: not-a-secret}
                contexts:
                - name: mine
                  context: {cluster: mine, user: me}
                current-context: mine
                """;
        KubeconfigCommand.Sync command = new KubeconfigCommand.Sync();
        try (RunningRole follow = new RunningRole(command, command::stop, "eksfleet kubeconfig sync:", "--bootstrap-servers", bootstrap,
                "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString(), "--follow")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(kubeconfig)
                    && Files.readString(kubeconfig).contains(syncEndpoint(2, 7)));
            Files.writeString(kubeconfig, persons);
            try {
                Awaitility.await("the sync merges its entries in again").atMost(Duration.ofSeconds(30))
                        .until(() -> IntStream.range(0, 3).allMatch(i -> read(kubeconfig).contains(syncEndpoint(i, 7))));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the entries did not come back; the sync printed:\n" + follow.err(), e);
            }
            Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
            assertThat(ScanEndToEndTest.names(kube, "contexts")).contains("mine").hasSize(4);
            assertThat(kube.get("current-context")).isEqualTo("mine");
            assertThat(contextCluster(kube, "mine")).isEqualTo("mine");
            byte[] healed = Files.readAllBytes(kubeconfig);
            int lines = follow.err().split("\n").length;
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> Arrays.equals(Files.readAllBytes(kubeconfig), healed));
            assertThat(follow.err().split("\n")).as("its own write does not set it off again").hasSize(lines);

            // A FIFO in the file's place is refused, said once however long it stays, and the file comes back after it.
            Files.delete(kubeconfig);
            io.eksfleet.host.HostFiles.make(io.eksfleet.host.HostFiles.Node.FIFO, kubeconfig.getParent(), "config");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> follow.err().contains("FIFO"));
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> follow.err().split("FIFO", -1).length == 2);
            Files.delete(kubeconfig);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> follow.err().contains(kubeconfig + " is written again")
                    && IntStream.range(0, 3).allMatch(i -> read(kubeconfig).contains(syncEndpoint(i, 7))));
            assertThat(follow.stop()).isZero();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aLockLeftByAKilledProcessIsRemovedAndAHeldOneStillLeavesSummaryAndReport() throws Exception {
        Path kubeconfig = dir.resolve("locked/config");
        Path awsConfig = dir.resolve("locked/aws");
        Path lock = Files.createDirectories(kubeconfig.getParent()).resolve("config.lock");
        ProcessOwner self = ProcessOwner.current();
        Files.writeString(lock, new ProcessOwner(self.pid(), "2001-01-01T00:00:00Z", self.host()).line() + "\n");
        CliRun afterKill = scan(kubeconfig, awsConfig);
        assertThat(afterKill.exitCode()).as(afterKill.err()).isZero();
        assertThat(afterKill.err()).contains("removed the stale lock " + lock);
        assertThat(lock).doesNotExist();

        Path report = dir.resolve("locked/report.json");
        byte[] before = Files.readAllBytes(kubeconfig);
        sim.latency(LatencySettings.parse(List.of("fixed:50ms")));
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> scan(kubeconfig, awsConfig, "--report", report.toString()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sim.calls().count(Api.EKS_DESCRIBE_CLUSTER) > 0);
        Files.writeString(lock, self.line() + "\n");
        CliRun held = running.join();
        Files.delete(lock);

        assertThat(held.exitCode()).isEqualTo(1);
        assertThat(held.out()).contains("clusters  " + ORG.clusterCount() + " found").contains("NOT WRITTEN");
        assertThat(held.err()).contains("eksfleet scan: " + kubeconfig.toAbsolutePath() + " was not written: " + lock
                + " is held by eksfleet pid " + self.pid());
        Map<?, ?> json = Messages.MAPPER.readValue(report.toFile(), Map.class);
        assertThat((List<?>) json.get("notWritten")).singleElement().asString().contains(lock.toString());
        assertThat(Files.readAllBytes(kubeconfig)).isEqualTo(before);
    }

    /** Three clusters the inventory says exist, each round at another endpoint, so every round changes the file. */
    /** An EKS-shaped endpoint that tells the cluster and the round apart. */
    private static String syncEndpoint(int cluster, int round) {
        return String.format("https://%030X%02X.gr7.us-east-1.eks.amazonaws.com", round, cluster);
    }

    private static void publishInventory(String bootstrap, int round) throws Exception {
        SsoSource sso = new SsoSource(ORG.ssoStartUrl(), ORG.ssoRegion(), "synced");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                String arn = "arn:aws:eks:us-east-1:999999999999:cluster/sync-" + i;
                ClusterRecord cluster = new ClusterRecord(arn, "sync-" + i, "999999999999", "synced", "ReadOnly", "us-east-1",
                        syncEndpoint(i, round), ORG.clusters().map(c -> c.cluster().certificateAuthorityData()).filter(java.util.Objects::nonNull)
                        .findFirst().orElseThrow(), "1.31", "eks.1", "ACTIVE", Map.of(), Instant.EPOCH);
                producer.send(new ProducerRecord<>(Topics.INVENTORY.name(), arn,
                        Messages.MAPPER.writeValueAsBytes(InventoryRecord.of(cluster, Access.viaSso(sso, null), "race", Instant.now(), List.of(), InventoryRecord.BY_SCAN)))).get();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String contextCluster(Map<String, Object> kube, String name) {
        return ScanEndToEndTest.entries(kube, "contexts").stream().filter(c -> c.get("name").equals(name))
                .map(c -> (String) ((Map<String, Object>) c.get("context")).get("cluster")).findFirst().orElseThrow();
    }

    private static List<Organization.OrgCluster> connectable() {
        return ScanFixture.connectable(ORG);
    }

    /** The first two accounts each get a cluster named edge, so that the template {cluster} names both alike. */
    private static Organization withEdgeClusters(Organization org) {
        Organization out = org;
        for (int i = 0; i < 2; i++) {
            Account account = org.accounts().get(i);
            Cluster model = org.clusters().filter(c -> c.cluster().endpoint() != null).findFirst().orElseThrow().cluster();
            Cluster edge = new Cluster("edge", account.regions().get(0), model.version(), model.platformVersion(), ClusterStatus.ACTIVE,
                    model.createdAt(), "https://" + "ED6E".repeat(7) + "000" + i + ".gr7." + account.regions().get(0) + ".eks.amazonaws.com",
                    model.certificateAuthorityData(), Map.of());
            List<Cluster> clusters = new ArrayList<>(account.clusters());
            clusters.add(edge);
            out = out.withAccount(account.id(), a -> a.withClusters(clusters));
        }
        return out;
    }
}
