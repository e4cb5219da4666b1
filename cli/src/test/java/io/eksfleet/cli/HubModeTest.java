package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.AccountStatus;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub mode end to end: the process's own identity (the simulator's hub principal, through the SDK's default
 * chain) assumes a role in every account, the accounts come from Organizations, and the kubeconfig's users
 * assume the role as {@code update-kubeconfig --role-arn} writes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubModeTest {

    static final String ROLE = "EksFleetReader";
    static final String EXTERNAL_ID = "fleet-7f3a";
    static final String SUSPENDED = suspendedAccount();
    static final Organization ORG = hubOrg();

    ScanFixture fixture;
    Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        fixture = new ScanFixture(ORG, RateLimits.UNLIMITED);
        sim = fixture.sim;
        System.setProperty("aws.accessKeyId", ORG.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", ORG.hub().secretAccessKey());
    }

    @AfterAll
    void stop() {
        try {
            // Every record this class's scans produced on the public topics follows its schema.
            assertThat(TopicRecords.assertPublicRecordsValid(fixture.bootstrapServers())).isPositive();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            fixture.close();
        }
    }

    @BeforeEach
    void resetCounters() {
        sim.calls().reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActiveAccountOfTheOrganisationIsScannedThroughTheAssumedRole() throws Exception {
        Path kubeconfig = dir.resolve("kube/config");
        Path awsConfig = dir.resolve("aws/config");
        CliRun run = scan(kubeconfig, awsConfig, "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Set<String> expected = ORG.clusters().filter(c -> c.account().status() == AccountStatus.ACTIVE)
                .filter(c -> c.cluster().status() == ClusterStatus.ACTIVE || c.cluster().status() == ClusterStatus.UPDATING)
                .map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(40).noneMatch(arn -> arn.contains(":" + SUSPENDED + ":"));
        Map<String, Object> kube = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(ScanEndToEndTest.names(kube, "clusters")).containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> user : ScanEndToEndTest.entries(kube, "users")) {
            Map<String, Object> exec = (Map<String, Object>) ((Map<String, Object>) user.get("user")).get("exec");
            String account = ((String) user.get("name")).split(":")[4];
            assertThat(exec).doesNotContainKey("env");
            assertThat((List<Object>) exec.get("args")).endsWith("--output", "json", "--role", "arn:aws:iam::" + account + ":role/" + ROLE);
        }
        assertThat(awsConfig).as("hub mode writes no SSO profiles").doesNotExist();

        long active = ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).count();
        assertThat(sim.calls().count(Api.STS_ASSUME_ROLE)).as("one AssumeRole per account").isEqualTo(active);
        assertThat(sim.calls().count(Api.ORGANIZATIONS_LIST_ACCOUNTS)).as("30 accounts in pages of 20").isEqualTo(2);
        assertThat(sim.calls().count(c -> c.api().service().equals("sso"))).isZero();
        Map<?, ?> report = Messages.MAPPER.readValue(run.out(), Map.class);
        assertThat(((Map<?, ?>) report.get("accounts")).get("scanned")).isEqualTo((int) active);
    }

    @Test
    void aRoleAwsRefusesTheHubIsNamedAndEachAccountIsScannedWithTheNextRole() throws Exception {
        Path kubeconfig = dir.resolve("refused/kube/config");
        CliRun run = CliRun.of("scan", "--assume-role", "NoSuchRole," + ROLE, "--external-id", EXTERNAL_ID,
                "--bootstrap-servers", fixture.bootstrapServers(), "--kubeconfig", kubeconfig.toString(),
                "--aws-config", dir.resolve("refused/aws/config").toString(), "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<String> active = ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).map(a -> a.id()).toList();
        Map<?, ?> accounts = (Map<?, ?>) Messages.MAPPER.readValue(run.out(), Map.class).get("accounts");
        assertThat(accounts.get("scanned")).isEqualTo(active.size());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> notTaken = (Map<String, List<String>>) accounts.get("rolesNotTaken");
        assertThat(notTaken).containsOnlyKeys("NoSuchRole");
        assertThat(notTaken.get("NoSuchRole")).containsExactlyInAnyOrderElementsOf(active);
        assertThat(ScanEndToEndTest.names(ScanEndToEndTest.yaml(kubeconfig), "users")).isNotEmpty()
                .allMatch(user -> !user.contains("NoSuchRole"));
    }

    @Test
    void anAccountsFileNarrowsTheScanAndNamesTheAccounts() throws Exception {
        List<Account> two = ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE && !a.clusters().isEmpty())
                .limit(2).toList();
        Path file = dir.resolve("accounts.txt");
        Files.writeString(file, "# the two we own\n" + two.get(0).id() + ",team-one\n\n" + two.get(1).id() + "   # no name\n");
        Path kubeconfig = dir.resolve("file/config");
        CliRun run = scan(kubeconfig, dir.resolve("file/aws"), "--accounts-file", file.toString(),
                "--context-template", "{accountName}/{cluster}");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sim.calls().count(Api.ORGANIZATIONS_LIST_ACCOUNTS)).isZero();
        List<String> contexts = ScanEndToEndTest.names(ScanEndToEndTest.yaml(kubeconfig), "contexts");
        assertThat(contexts).isNotEmpty().allMatch(c -> c.startsWith("team-one/") || c.startsWith(two.get(1).id() + "/"));
    }

    @Test
    void accountsListsTheActiveAccountsOfTheOrganisationMinusTheExcluded() throws Exception {
        Account excluded = ORG.accounts().get(0);
        CliRun run = CliRun.of("accounts", "--assume-role", ROLE, "--exclude-accounts", excluded.name(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Map<String, Object>> rows = Messages.MAPPER.readValue(run.out(), new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
        assertThat(rows).extracting(r -> (String) r.get("id")).containsExactlyInAnyOrderElementsOf(ORG.accounts().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE && !a.id().equals(excluded.id())).map(Account::id).toList());
        assertThat(rows).allMatch(r -> r.get("roles").equals(List.of(ROLE)));
        assertThat(sim.calls().count(c -> c.api().service().equals("sso"))).isZero();
    }

    @Test
    void withoutTheExternalIdEveryAccountIsReportedDenied() {
        List<String> args = new ArrayList<>(List.of("scan", "--assume-role", ROLE, "--accounts", firstActive(),
                "--bootstrap-servers", fixture.bootstrapServers(),
                "--kubeconfig", dir.resolve("denied/config").toString(), "--aws-config", dir.resolve("denied/aws").toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).contains("account").contains("AccessDenied");
        assertThat(sim.calls().count(Api.STS_ASSUME_ROLE)).as("AccessDenied is not retried").isEqualTo(1);
    }

    @Test
    void hubModeAndAnSsoLoginExcludeEachOther() {
        CliRun run = CliRun.of("scan", "--assume-role", ROLE, "--sso-session", "x", "--kubeconfig", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).contains("exclude each other").doesNotContain("\n");
    }

    private CliRun scan(Path kubeconfig, Path awsConfig, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--assume-role", ROLE, "--external-id", EXTERNAL_ID,
                "--bootstrap-servers", fixture.bootstrapServers(),
                "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String firstActive() {
        return ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).findFirst().orElseThrow().id();
    }

    private static String suspendedAccount() {
        return OrgGenerator.generate(30, 3, 90, 91).accounts().get(3).id();
    }

    /** Every account's roles require the external id; one account is suspended and must not be scanned. */
    private static Organization hubOrg() {
        Organization org = OrgGenerator.generate(30, 3, 90, 91);
        return org.withAccounts(org.accounts().stream().map(a -> new Account(a.id(), a.name(), a.email(),
                a.id().equals(SUSPENDED) ? AccountStatus.SUSPENDED : a.status(), a.roles(), a.regions(), EXTERNAL_ID, a.clusters())).toList());
    }
}
