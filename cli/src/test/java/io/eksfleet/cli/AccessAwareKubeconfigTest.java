package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.AuthenticationMode;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.simulator.org.Partition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which clusters a role can actually use, proven with kubectl: an organisation whose clusters authenticate in all three
 * modes, with access entries for some roles and not others (the simulator's ground truth), scanned through an SSO
 * login; kubectl runs each context through the AWS CLI and the profile eksfleet wrote. Then two roles on one cluster,
 * and an organisation in AWS GovCloud (US).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAwareKubeconfigTest {

    static final Organization ORG = OrgGenerator.generate(4, 2, 16, 25, OrgGenerator.Options.DEFAULT.withMixedAuthentication(true));
    static final String SESSION = "access";

    ScanFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        Tools.require("kubectl", "kubectl proves which contexts work");
        Tools.require("aws", "kubectl's exec plugin runs the AWS CLI for a token");
        fixture = new ScanFixture(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED).kubernetesApi(true),
                ScanFixture.Broker.embedded());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void withOnlyAccessibleEveryContextWorksAndExactlyTheClustersWithoutAnEntryInApiModeAreLeftOut() throws Exception {
        Home home = new Home(fixture, ORG, dir.resolve("only"));
        CliRun run = home.scan("--role", "ReadOnly", "--only-accessible");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Set<String> denied = denied("ReadOnly");
        assertThat(denied).as("the organisation has API-mode clusters without an entry for the role").isNotEmpty();
        Map<String, Object> kube = ScanEndToEndTest.yaml(home.kubeconfig());
        Set<String> written = Set.copyOf(ScanEndToEndTest.names(kube, "clusters"));
        Set<String> expected = ScanFixture.connectable(ORG).stream().map(Organization.OrgCluster::arn)
                .filter(arn -> !denied.contains(arn)).collect(Collectors.toSet());
        assertThat(written).isEqualTo(expected);
        assertThat(run.out()).contains("no access entry for ReadOnly: " + denied.size() + " (left out: --only-accessible)");
        for (String context : ScanEndToEndTest.names(kube, "contexts")) {
            ExternalCommand get = home.kubectl(context);
            assertThat(get.exitCode()).as("%s: %s", context, get.err()).isZero();
            assertThat(get.out()).contains("namespace/default");
        }
    }

    @Test
    void withoutTheOptionAClusterWithoutAnEntryIsWrittenNamedInTheSummaryAndKubectlIsForbiddenThere() throws Exception {
        Home home = new Home(fixture, ORG, dir.resolve("all"));
        CliRun run = home.scan("--role", "ReadOnly", "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Set<String> denied = denied("ReadOnly");
        Map<?, ?> report = io.eksfleet.topic.Messages.MAPPER.readValue(run.out(), Map.class);
        Map<?, ?> clusters = (Map<?, ?>) report.get("clusters");
        assertThat(((List<?>) clusters.get("noAccess")).stream().map(c -> (String) ((Map<?, ?>) c).get("arn")).collect(Collectors.toSet()))
                .isEqualTo(denied);
        assertThat(((Map<?, ?>) clusters.get("byAccess")).get("no")).isEqualTo(denied.size());
        String arn = denied.iterator().next();
        String context = contextOf(home.kubeconfig(), arn, arn);
        ExternalCommand get = home.kubectl(context);
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err()).contains("Forbidden");
    }

    @Test
    void twoRolesOnOneClusterGetTwoUsersAndTwoContextsAndALaterScanWithOneRoleLeavesTheOtherAlone() throws Exception {
        Home home = new Home(fixture, ORG, dir.resolve("roles"));
        CliRun both = home.scan("--roles", "ReadOnly,AdministratorAccess");
        assertThat(both.exitCode()).as(both.err()).isZero();
        Organization.OrgCluster target = ScanFixture.connectable(ORG).stream()
                .filter(c -> c.admits(ORG.ssoRoleArn(c.account().id(), "ReadOnly"))
                        && c.admits(ORG.ssoRoleArn(c.account().id(), "AdministratorAccess"))
                        && c.cluster().authenticationMode() == AuthenticationMode.API)
                .findFirst().orElseThrow();
        Map<String, Object> kube = ScanEndToEndTest.yaml(home.kubeconfig());
        List<String> users = ScanEndToEndTest.names(kube, "users").stream().filter(u -> u.startsWith(target.arn() + " (")).toList();
        assertThat(users).containsExactlyInAnyOrder(target.arn() + " (ReadOnly)", target.arn() + " (AdministratorAccess)");
        String readOnly = contextOf(home.kubeconfig(), target.arn(), target.arn() + " (ReadOnly)");
        String admin = contextOf(home.kubeconfig(), target.arn(), target.arn() + " (AdministratorAccess)");
        assertThat(readOnly).endsWith("/ReadOnly");
        assertThat(admin).endsWith("/AdministratorAccess");
        for (String context : List.of(readOnly, admin)) {
            ExternalCommand get = home.kubectl(context);
            assertThat(get.exitCode()).as("%s: %s", context, get.err()).isZero();
        }

        CliRun one = home.scan("--role", "ReadOnly");
        assertThat(one.exitCode()).as(one.err()).isZero();
        Map<String, Object> after = ScanEndToEndTest.yaml(home.kubeconfig());
        assertThat(ScanEndToEndTest.names(after, "users")).as("ReadOnly keeps its own user, no second one named by the ARN")
                .contains(target.arn() + " (AdministratorAccess)", target.arn() + " (ReadOnly)").doesNotContain(target.arn());
        assertThat(ScanEndToEndTest.names(after, "contexts")).contains(admin, readOnly);
        for (String context : List.of(readOnly, admin)) {
            ExternalCommand stillWorks = home.kubectl(context);
            assertThat(stillWorks.exitCode()).as("%s: %s", context, stillWorks.err()).isZero();
        }
    }

    @Test
    void aRoleAskedForByNameThatTheLoginMayNotTakeIsNamedInTheReportAndSummary() throws Exception {
        Home home = new Home(fixture, ORG, dir.resolve("not-taken"));
        CliRun json = home.scan("--roles", "ReadOnly,NoSuchRole", "--output", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();

        Map<?, ?> accounts = (Map<?, ?>) io.eksfleet.topic.Messages.MAPPER.readValue(json.out(), Map.class).get("accounts");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> notTaken = (Map<String, List<String>>) accounts.get("rolesNotTaken");
        assertThat(notTaken).containsOnlyKeys("NoSuchRole");
        assertThat(notTaken.get("NoSuchRole")).hasSize((Integer) accounts.get("scanned"));
        CliRun text = home.scan("--roles", "ReadOnly,NoSuchRole");
        assertThat(text.err() + text.out()).contains("role NoSuchRole not taken in " + accounts.get("scanned") + " account(s)");
    }

    @Test
    void aClusterRefusedWithTwoRolesIsListedOnceAndNoneOfItsEntriesCountsAsWritten() throws Exception {
        Home home = new Home(fixture, ORG, dir.resolve("refused"));
        CliRun run = home.scanRefusingLoopback("--roles", "ReadOnly,AdministratorAccess", "--output", "json");
        assertThat(run.exitCode()).as("refusals end with 2: %s", run.err()).isEqualTo(2);

        Map<?, ?> clusters = (Map<?, ?>) io.eksfleet.topic.Messages.MAPPER.readValue(run.out(), Map.class).get("clusters");
        List<String> refused = ((List<?>) clusters.get("refused")).stream().map(c -> (String) ((Map<?, ?>) c).get("arn")).toList();
        assertThat(refused).as("one line a cluster").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ScanFixture.connectable(ORG).stream().map(Organization.OrgCluster::arn).toList());
        assertThat(clusters.get("inKubeconfig")).isEqualTo(0);
    }

    @Test
    void aGovCloudOrganisationIsScannedInItsPartitionAndKubectlWorksThroughIt() throws Exception {
        Organization gov = OrgGenerator.generate(2, 2, 4, 31, OrgGenerator.Options.DEFAULT.withPartition(Partition.AWS_US_GOV));
        try (ScanFixture govFixture = new ScanFixture(SimulatorConfig.builder().org(gov).limits(RateLimits.UNLIMITED).kubernetesApi(true),
                ScanFixture.Broker.embedded())) {
            Home home = new Home(govFixture, gov, dir.resolve("gov"));
            CliRun run = home.scan("--role", "ReadOnly");
            assertThat(run.exitCode()).as(run.err()).isZero();

            Map<String, Object> kube = ScanEndToEndTest.yaml(home.kubeconfig());
            List<String> clusters = ScanEndToEndTest.names(kube, "clusters");
            assertThat(clusters).hasSize(ScanFixture.connectable(gov).size()).allSatisfy(arn ->
                    assertThat(arn).matches("arn:aws-us-gov:eks:us-gov-(west|east)-1:\\d{12}:cluster/.+"));
            assertThat(Files.readString(home.awsConfig())).contains("sso_region = us-gov-west-1").doesNotContain("us-east-1");
            for (String context : ScanEndToEndTest.names(kube, "contexts")) {
                ExternalCommand get = home.kubectl(context);
                assertThat(get.exitCode()).as("%s: %s", context, get.err()).isZero();
            }
        } finally {
            // A fixture's end clears the endpoint the JVM's AWS clients use: the class's own simulator takes it back.
            System.setProperty("aws.endpointUrl", fixture.sim.endpoint().toString());
        }
    }

    /** The ARNs of the clusters a kubeconfig gets where the SSO role {@code role} has no access entry and needs one. */
    private static Set<String> denied(String role) {
        return ScanFixture.connectable(ORG).stream()
                .filter(c -> c.cluster().authenticationMode() == AuthenticationMode.API && !c.admits(ORG.ssoRoleArn(c.account().id(), role)))
                .map(Organization.OrgCluster::arn).collect(Collectors.toSet());
    }

    /** The context that joins {@code cluster} to {@code user}. */
    @SuppressWarnings("unchecked")
    private static String contextOf(Path kubeconfig, String cluster, String user) throws Exception {
        return ScanEndToEndTest.entries(ScanEndToEndTest.yaml(kubeconfig), "contexts").stream()
                .filter(c -> cluster.equals(((Map<String, Object>) c.get("context")).get("cluster"))
                        && user.equals(((Map<String, Object>) c.get("context")).get("user")))
                .map(c -> (String) c.get("name")).findFirst().orElseThrow(() -> new AssertionError("no context of " + user));
    }

    /** A person's home: the SSO login cached where the AWS CLI looks for it, and the files a scan writes there. */
    private record Home(ScanFixture fixture, Organization org, Path path) {

        Home {
            try {
                fixture.login(org, SESSION, Files.createDirectories(path.resolve(".aws/sso/cache")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Path kubeconfig() {
            return path.resolve(".kube/config");
        }

        Path awsConfig() {
            return path.resolve(".aws/config");
        }

        CliRun scan(String... roleAndMore) {
            List<String> args = new ArrayList<>(List.of(KubectlEndToEndTest.LOCAL_ENDPOINTS));
            args.addAll(List.of(roleAndMore));
            return scanRefusingLoopback(args.toArray(String[]::new));
        }

        /** Without --allow-loopback-endpoints: every simulated cluster is refused for its endpoint. */
        CliRun scanRefusingLoopback(String... roleAndMore) {
            List<String> args = new ArrayList<>(List.of("scan", "--sso-start-url", org.ssoStartUrl(), "--sso-region", org.ssoRegion(),
                    "--sso-session", SESSION, "--sso-cache", path.resolve(".aws/sso/cache").toString(),
                    "--bootstrap-servers", fixture.bootstrapServers(), "--kubeconfig", kubeconfig().toString(),
                    "--aws-config", awsConfig().toString()));
            args.addAll(List.of(roleAndMore));
            return CliRun.of(args.toArray(String[]::new));
        }

        ExternalCommand kubectl(String context) {
            return ExternalCommand.run(Map.of("HOME", path.toString(), "KUBECONFIG", kubeconfig().toString(),
                    "AWS_ENDPOINT_URL", fixture.sim.endpoint().toString()), "kubectl", "--context", context, "get", "namespaces", "-o", "name");
        }
    }
}
