package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.cli.worker.WorkerCommand;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.Outcome;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The scan end to end: a real Kafka broker (embedded KRaft), the real AWS SDK against the simulator over
 * HTTP, the real command line. Nothing is mocked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanEndToEndTest {

    static final String SESSION = "e2e";
    static final Organization ORG = OrgGenerator.generate(50, 4, 130, 77);

    ScanFixture fixture;
    String bootstrap;
    Simulator sim;
    Path cache;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        fixture = new ScanFixture(ORG, RateLimits.UNLIMITED, broker());
        bootstrap = fixture.bootstrapServers();
        sim = fixture.sim;
        cache = fixture.cache;
        fixture.login(ORG, SESSION);
    }

    /** The Kafka this suite runs against; the Testcontainers suite runs the same tests on a Kafka container. */
    ScanFixture.Broker broker() {
        return ScanFixture.Broker.embedded();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @BeforeEach
    void resetCounters() {
        sim.calls().reset();
    }

    CliRun scan(Path kubeconfig, Path awsConfig, String... extra) {
        return fixture.scan(ORG, SESSION, kubeconfig, awsConfig, extra);
    }

    @Test
    void kubeconfigHoldsExactlyTheOrgsReachableClustersAndKeepsEverythingElse() throws Exception {
        Path kubeconfig = dir.resolve("kube/config");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, UNRELATED);
        Path awsConfig = dir.resolve("aws/config");
        Files.createDirectories(awsConfig.getParent());
        Files.writeString(awsConfig, "[default]\nregion = eu-west-1\n\n[profile mine]\nregion = us-east-2\noutput = json\n");
        Files.setPosixFilePermissions(kubeconfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        CliRun run = scan(kubeconfig, awsConfig, "--report", dir.resolve("report.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Map<String, Object> kube = yaml(kubeconfig);
        Set<String> expected = ORG.clusters()
                .filter(c -> c.cluster().status() == ClusterStatus.ACTIVE || c.cluster().status() == ClusterStatus.UPDATING)
                .map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(names(kube, "clusters")).containsExactlyInAnyOrderElementsOf(concat(expected, Set.of("unrelated-cluster")));
        assertThat(names(kube, "users")).containsExactlyInAnyOrderElementsOf(concat(expected, Set.of("unrelated-user")));
        List<String> contexts = names(kube, "contexts");
        assertThat(contexts).doesNotHaveDuplicates().hasSize(expected.size() + 1).contains("unrelated-context");
        assertThat(kube.get("current-context")).isEqualTo("unrelated-context");
        assertThat(kube.get("preferences")).isEqualTo(Map.of("colors", true));
        assertThat(Files.readString(kubeconfig)).contains("    token: not-a-real-token-just-unrelated");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-r-----");

        String aws = Files.readString(awsConfig);
        assertThat(aws).startsWith("[default]\nregion = eu-west-1\n\n[profile mine]\nregion = us-east-2\noutput = json\n");
        assertThat(aws).contains("[sso-session e2e]\nsso_start_url = " + ORG.ssoStartUrl());
        for (Map<String, Object> user : entries(kube, "users")) {
            if (user.get("name").equals("unrelated-user")) {
                continue;
            }
            String arn = (String) user.get("name");
            String[] parts = arn.split(":");
            @SuppressWarnings("unchecked")
            Map<String, Object> exec = (Map<String, Object>) ((Map<String, Object>) user.get("user")).get("exec");
            assertThat(exec.get("command")).isEqualTo("aws");
            assertThat(exec.get("args")).isEqualTo(List.of("--region", parts[3], "eks", "get-token", "--cluster-name",
                    arn.substring(arn.indexOf("cluster/") + 8), "--output", "json"));
            @SuppressWarnings("unchecked")
            String profile = (String) ((List<Map<String, Object>>) exec.get("env")).get(0).get("value");
            assertThat(aws).contains("[profile " + profile + "]\nsso_session = e2e\nsso_account_id = " + parts[4]
                    + "\nsso_role_name = ReadOnly\n");
        }

        Map<?, ?> report = io.eksfleet.topic.Messages.MAPPER.readValue(dir.resolve("report.json").toFile(), Map.class);
        assertThat(((Map<?, ?>) report.get("accounts")).get("scanned")).isEqualTo(50);
        assertThat(((Map<?, ?>) report.get("regions")).get("scanned")).isEqualTo(200);
        assertThat(((Map<?, ?>) report.get("clusters")).get("found")).isEqualTo(130);
        assertThat(((Map<?, ?>) report.get("clusters")).get("inKubeconfig")).isEqualTo(expected.size());
        assertThat(run.out()).contains("accounts  50 planned, 50 scanned, 0 skipped, 0 failed")
                .contains("clusters  130 found");

        for (Account account : ORG.accounts()) {
            assertThat(sim.calls().count(c -> c.api() == Api.SSO_GET_ROLE_CREDENTIALS && c.account().equals(account.id())))
                    .as("GetRoleCredentials for %s", account.id()).isEqualTo(1);
        }
        assertThat(sim.calls().count(Api.SSO_LIST_ACCOUNT_ROLES)).isZero();
        assertThat(sim.calls().count(Api.EKS_DESCRIBE_CLUSTER, Outcome.OK)).isEqualTo(130);

        byte[] kubeBefore = Files.readAllBytes(kubeconfig);
        byte[] awsBefore = Files.readAllBytes(awsConfig);
        CliRun again = scan(kubeconfig, awsConfig);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 added, 0 updated, " + expected.size() + " unchanged");
        assertThat(Files.readAllBytes(kubeconfig)).isEqualTo(kubeBefore);
        assertThat(Files.readAllBytes(awsConfig)).isEqualTo(awsBefore);
    }

    @Test
    void pruneRemovesAClusterDeletedFromTheOrgAndNothingElse() throws Exception {
        Path kubeconfig = dir.resolve("prune/config");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, UNRELATED);
        Path awsConfig = dir.resolve("prune/aws");
        assertThat(scan(kubeconfig, awsConfig).exitCode()).isZero();
        Map<String, Object> before = yaml(kubeconfig);
        String deleted = ORG.clusters().filter(c -> c.cluster().status() == ClusterStatus.ACTIVE).findFirst().orElseThrow().arn();
        sim.updateOrg(o -> o.withoutCluster(deleted));
        try {
            CliRun run = scan(kubeconfig, awsConfig, "--prune");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 pruned");
        } finally {
            sim.updateOrg(o -> ORG);
        }
        Map<String, Object> after = yaml(kubeconfig);
        assertThat(names(after, "clusters")).containsExactlyInAnyOrderElementsOf(without(names(before, "clusters"), deleted));
        assertThat(names(after, "users")).containsExactlyInAnyOrderElementsOf(without(names(before, "users"), deleted));
        assertThat(names(after, "contexts")).hasSize(names(before, "contexts").size() - 1).contains("unrelated-context");
    }

    @Test
    void dryRunWritesNothing() {
        Path kubeconfig = dir.resolve("dry/config");
        Path awsConfig = dir.resolve("dry/aws");
        CliRun run = scan(kubeconfig, awsConfig, "--dry-run");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("apiVersion: v1\n");
        assertThat(run.err()).contains("(dry run, not written)");
        assertThat(kubeconfig).doesNotExist();
        assertThat(awsConfig).doesNotExist();
        assertThat(dir.resolve("dry")).doesNotExist();
    }

    @Test
    void noTokenOrKeyTheSimulatorIssuedReachesATopicALogLineOrAFile() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        Path kubeconfig = dir.resolve("secret/config");
        Path awsConfig = dir.resolve("secret/aws");
        CliRun run;
        try {
            run = scan(kubeconfig, awsConfig, "--output", "json", "--report", dir.resolve("secret/report.json").toString());
        } finally {
            root.detachAppender(logs);
        }
        assertThat(run.exitCode()).isZero();
        List<String> seen = new ArrayList<>(allMessages());
        assertThat(seen).hasSizeGreaterThan(130 + 200 + 50);
        logs.list.forEach(e -> seen.add(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))));
        seen.add(run.out());
        seen.add(run.err());
        seen.add(Files.readString(kubeconfig));
        seen.add(Files.readString(awsConfig));
        seen.add(Files.readString(dir.resolve("secret/report.json")));
        Set<String> secrets = sim.issuedSecrets();
        assertThat(secrets).hasSizeGreaterThan(50);
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    @Test
    void rolePrefixesPickTheFirstMatchAndSkipAccountsWithNone() throws Exception {
        Account a = ORG.accounts().get(0);
        Account b = ORG.accounts().get(1);
        Account c = ORG.accounts().get(2);
        sim.updateOrg(o -> o.withAccount(b.id(), acc -> acc.withRoles(List.of("PowerUser")))
                .withAccount(c.id(), acc -> acc.withRoles(List.of("PowerUser", "AdministratorAccess"))));
        CliRun run;
        try {
            List<String> args = new ArrayList<>(List.of("scan", "--sso-start-url", ORG.ssoStartUrl(), "--sso-region",
                    ORG.ssoRegion(), "--sso-session", SESSION, "--sso-cache", cache.toString(), "--role-prefix", "ReadOnly,Admin",
                    "--accounts", a.id() + "," + b.id() + "," + c.id(), "--bootstrap-servers", bootstrap,
                    "--kubeconfig", dir.resolve("prefix/config").toString(), "--aws-config", dir.resolve("prefix/aws").toString(),
                    "--output", "json"));
            run = CliRun.of(args.toArray(String[]::new));
        } finally {
            sim.updateOrg(o -> ORG);
        }
        assertThat(run.exitCode()).isEqualTo(2);
        Map<?, ?> report = io.eksfleet.topic.Messages.MAPPER.readValue(run.out(), Map.class);
        Map<?, ?> accounts = (Map<?, ?>) report.get("accounts");
        assertThat(accounts.get("scanned")).isEqualTo(2);
        assertThat((List<?>) accounts.get("skipped")).singleElement()
                .satisfies(s -> assertThat(((Map<?, ?>) s).get("accountId")).isEqualTo(b.id()));
        assertThat(c.clusters()).anyMatch(cl -> cl.status() == ClusterStatus.ACTIVE);
        assertThat(Files.readString(dir.resolve("prefix/aws")))
                .contains("sso_account_id = " + c.id() + "\nsso_role_name = AdministratorAccess");
        assertThat(sim.calls().count(Api.SSO_LIST_ACCOUNT_ROLES)).isEqualTo(3);
    }

    @Test
    void oneAccountsFailureNeverStopsTheOthers() throws Exception {
        Account denied = ORG.accounts().get(5);
        sim.updateFaults(f -> f.withDeniedAccounts(Set.of(denied.id())));
        CliRun run;
        try {
            run = scan(dir.resolve("denied/config"), dir.resolve("denied/aws"), "--output", "json");
        } finally {
            sim.updateFaults(f -> io.eksfleet.simulator.FaultSettings.NONE);
        }
        assertThat(run.exitCode()).isEqualTo(2);
        Map<?, ?> report = io.eksfleet.topic.Messages.MAPPER.readValue(run.out(), Map.class);
        assertThat(report.get("status")).isEqualTo("completed-with-failures");
        assertThat(((Map<?, ?>) report.get("accounts")).get("scanned")).isEqualTo(49);
        assertThat((List<?>) report.get("failures")).singleElement().satisfies(f -> {
            Map<?, ?> failure = (Map<?, ?>) f;
            assertThat(failure.get("stage")).isEqualTo("accounts");
            assertThat(failure.get("accountId")).isEqualTo(denied.id());
            assertThat(failure.get("errorCode")).isEqualTo("UnauthorizedOperation");
        });
        assertThat(((Map<?, ?>) report.get("clusters")).get("found")).isEqualTo(130 - denied.clusters().size());
        Map<?, ?> budgets = (Map<?, ?>) ((Map<?, ?>) report.get("resilience")).get("budgets");
        List<String> families = budgets.keySet().stream().map(String::valueOf).toList();
        assertThat(families).contains("eks", "sso").isSorted();
        Map<?, ?> sso = (Map<?, ?>) budgets.get("sso");
        assertThat(sso.keySet().stream().map(String::valueOf).toList()).containsExactly("configuredRps", "keys", "lowestRps", "throttled");
        assertThat(sso.get("keys")).isEqualTo(1);
        assertThat(sso.get("configuredRps")).isInstanceOf(Double.class);
    }

    /** After the coordinator test, whose coordinator has left its group by then. */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void aFleetScanWithoutACoordinatorSaysHowToStartOne() {
        CliRun run = scan(dir.resolve("nobody/config"), dir.resolve("nobody/aws"), "--workers", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("eksfleet scan: no coordinator is running on Kafka at " + bootstrap
                + ": start one with eksfleet coordinator --bootstrap-servers " + bootstrap
                + ", or scan with workers in this process (leave out --workers 0)");
        assertThat(dir.resolve("nobody/config")).doesNotExist();
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void everyRecordOnThePublicTopicsValidatesAgainstItsSchema() {
        assertThat(TopicRecords.assertPublicRecordsValid(bootstrap)).isGreaterThan(500);
    }

    /** Last: the timed-out scan leaves cluster tasks on the topic, which later scans' workers would pick up. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aScanThatOutlivesItsTimeoutEndsWithAPartialResult() throws Exception {
        sim.latency(io.eksfleet.simulator.LatencySettings.parse(List.of("eks:DescribeCluster=fixed:20s")));
        CliRun run;
        try {
            run = scan(dir.resolve("slow/config"), dir.resolve("slow/aws"), "--scan-timeout", "3s", "--accounts",
                    ORG.accounts().get(0).id() + "," + ORG.accounts().get(1).id());
        } finally {
            sim.latency(io.eksfleet.simulator.LatencySettings.NONE);
        }
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("TIMED OUT (partial result)").contains("accounts  2 planned, 2 scanned");
    }

    @Test
    void aProfileNamesTheSessionAndTheRole() throws Exception {
        Path awsConfig = dir.resolve("profile/config");
        Files.createDirectories(awsConfig.getParent());
        Files.writeString(awsConfig, "[profile dev]\nsso_session = e2e\nsso_account_id = " + ORG.accounts().get(0).id()
                + "\nsso_role_name = ReadOnly\n\n[sso-session e2e]\nsso_start_url = " + ORG.ssoStartUrl()
                + "\nsso_region = " + ORG.ssoRegion() + "\n");
        CliRun run = CliRun.of("scan", "--profile", "dev", "--aws-config", awsConfig.toString(), "--sso-cache", cache.toString(),
                "--accounts", ORG.accounts().get(0).id(), "--bootstrap-servers", bootstrap,
                "--kubeconfig", dir.resolve("profile/kube").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("accounts  1 planned, 1 scanned");
        assertThat(sim.calls().count(c -> c.api() == Api.SSO_GET_ROLE_CREDENTIALS && c.account().equals(ORG.accounts().get(0).id())))
                .isEqualTo(1);
    }

    @Test
    void aScanWithoutWorkersIsServedByRunningCoordinatorAndWorkerRoles() throws Exception {
        WorkerCommand worker = new WorkerCommand();
        CoordinatorCommand coordinator = new CoordinatorCommand();
        try (RunningRole workerRole = new RunningRole(worker, worker::stop, "worker(s) on",
                "--bootstrap-servers", bootstrap, "--sso-cache", cache.toString());
             RunningRole coordinatorRole = new RunningRole(coordinator, coordinator::stop, "taking scan requests",
                     "--bootstrap-servers", bootstrap, "--sso-cache", cache.toString())) {
            CliRun run = scan(dir.resolve("fleet/config"), dir.resolve("fleet/aws"), "--workers", "0", "--output", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<?, ?> report = io.eksfleet.topic.Messages.MAPPER.readValue(run.out(), Map.class);
            assertThat(((Map<?, ?>) report.get("clusters")).get("found")).isEqualTo(130);
            String scanId = (String) report.get("scanId");

            // The coordinator ends the scan on the results topic, which is what `status` reads.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    CliRun.of("status", scanId, "--bootstrap-servers", bootstrap).exitCode() == 0);
            CliRun status = CliRun.of("status", scanId, "--bootstrap-servers", bootstrap, "--output", "json");
            Map<?, ?> state = io.eksfleet.topic.Messages.MAPPER.readValue(status.out(), Map.class);
            assertThat(state.get("status")).isEqualTo("complete");
            assertThat(((Map<?, ?>) state.get("counts")).get("clustersFound")).isEqualTo(130);

            // Detached: the id comes back at once; the fleet finishes the scan on its own.
            CliRun detached = scan(dir.resolve("fleet2/config"), dir.resolve("fleet2/aws"), "--workers", "0", "--detach");
            assertThat(detached.exitCode()).as(detached.err()).isZero();
            String detachedId = detached.out().trim();
            assertThat(detachedId).matches("[0-9a-f-]{36}");
            assertThat(dir.resolve("fleet2/config")).doesNotExist();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    CliRun.of("status", detachedId, "--bootstrap-servers", bootstrap).exitCode() == 0);

            assertThat(workerRole.stop()).isZero();
            assertThat(workerRole.err()).contains("eksfleet worker: stopping");
            assertThat(coordinatorRole.stop()).isZero();
        }
        CliRun unknown = CliRun.of("status", "no-such-scan", "--bootstrap-servers", bootstrap);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("eksfleet status: no scan no-such-scan").doesNotContain("\n");
    }

    /** Every record on every eksfleet topic, as text. */
    private List<String> allMessages() {
        List<String> out = new ArrayList<>();
        for (var topic : Topics.all()) {
            TopicRecords.all(bootstrap, topic.name()).forEach(r -> {
                out.add(r.key() == null ? "" : r.key());
                out.add(r.value() == null ? "" : r.value());
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Map<String, Object> kube, String list) {
        return (List<Map<String, Object>>) kube.get(list);
    }

    static List<String> names(Map<String, Object> kube, String list) {
        return entries(kube, list).stream().map(e -> (String) e.get("name")).toList();
    }

    static Set<String> concat(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    static List<String> without(List<String> list, String gone) {
        return list.stream().filter(s -> !s.equals(gone)).toList();
    }

    static final String UNRELATED = """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://unrelated.example.com
              name: unrelated-cluster
            contexts:
            - context:
                cluster: unrelated-cluster
                user: unrelated-user
              name: unrelated-context
            current-context: unrelated-context
            kind: Config
            preferences:
              colors: true
            users:
            - name: unrelated-user
              user:
                token: not-a-real-token-just-unrelated
            """;
}
