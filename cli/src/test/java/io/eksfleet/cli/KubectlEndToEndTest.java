package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.sso.SsoTokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry a scan writes works: kubectl, through the exec plugin running the real AWS CLI with the
 * profile (SSO) or role (hub) eksfleet wrote, reaches each cluster's simulated Kubernetes API over TLS,
 * verified with the CA data of the entry, and the API checks the EKS token's signature against the
 * credentials the simulator issued. Runs where kubectl and the AWS CLI (v1, which honours
 * {@code AWS_ENDPOINT_URL}) are installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlEndToEndTest {

    /** The simulated Kubernetes API listens on loopback, which a scan writes entries for only when told to. */
    static final String LOCAL_ENDPOINTS = "--allow-loopback-endpoints";

    static final String SESSION = "kubectl";
    static final Organization ORG = OrgGenerator.generate(4, 2, 10, 21);

    ScanFixture fixture;
    Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        Tools.require("kubectl", "the test runs kubectl on every context eksfleet wrote");
        Tools.require("aws", "kubectl's exec plugin runs the AWS CLI for a token");
        fixture = new ScanFixture(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED).kubernetesApi(true),
                ScanFixture.Broker.embedded());
        sim = fixture.sim;
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everySsoContextWorksWithKubectlAndTheProfileEksfleetWrote() throws Exception {
        Path home = ssoScan("sso");
        Map<String, Object> kube = ScanEndToEndTest.yaml(home.resolve(".kube/config"));
        List<String> contexts = ScanEndToEndTest.names(kube, "contexts");
        assertThat(contexts).hasSize(reachable().size());
        long before = sim.kubernetesRequests()[0];
        for (String context : contexts) {
            ExternalCommand get = ExternalCommand.run(ssoEnv(home), "kubectl", "--context", context, "get", "namespaces", "-o", "name");
            assertThat(get.exitCode()).as("%s: %s", context, get.err()).isZero();
            assertThat(get.out().lines()).contains("namespace/default", "namespace/kube-system");
        }
        assertThat(sim.kubernetesRequests()[0]).isGreaterThanOrEqualTo(before + contexts.size());
    }

    @Test
    void everyHubContextWorksWithKubectlAssumingTheRole() throws Exception {
        Path home = Files.createDirectories(dir.resolve("hub"));
        Path kubeconfig = home.resolve(".kube/config");
        System.setProperty("aws.accessKeyId", ORG.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", ORG.hub().secretAccessKey());
        try {
            CliRun run = CliRun.of("scan", "--assume-role", "ReadOnly", "--bootstrap-servers", fixture.bootstrapServers(),
                    "--kubeconfig", kubeconfig.toString(), "--aws-config", home.resolve(".aws/config").toString(), LOCAL_ENDPOINTS);
            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        List<String> contexts = ScanEndToEndTest.names(ScanEndToEndTest.yaml(kubeconfig), "contexts");
        assertThat(contexts).hasSize(reachable().size());
        Map<String, String> env = hubEnv(home, ORG.hub().secretAccessKey());
        for (String context : contexts) {
            ExternalCommand get = ExternalCommand.run(env, "kubectl", "--context", context, "get", "namespaces", "-o", "name");
            assertThat(get.exitCode()).as("%s: %s", context, get.err()).isZero();
            assertThat(get.out()).contains("namespace/default");
        }
    }

    /** A token signed with another secret is refused; the same token signed right passes authentication (and is then forbidden). */
    @Test
    void aTokenSignedWithAWrongSecretIsRefused() throws Exception {
        Path home = ssoScan("forged");
        Organization.OrgCluster target = targets().get(0);
        Map<String, Object> cluster = ScanEndToEndTest.entries(ScanEndToEndTest.yaml(home.resolve(".kube/config")), "clusters").stream()
                .filter(c -> c.get("name").equals(target.arn())).findFirst().orElseThrow();

        ExternalCommand wrong = kubectlWithToken(home, cluster, token(home, target, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET"));
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("You must be logged in to the server");

        ExternalCommand signedRight = kubectlWithToken(home, cluster, token(home, target, ORG.hub().secretAccessKey()));
        assertThat(signedRight.exitCode()).isNotZero();
        assertThat(signedRight.err()).containsIgnoringCase("forbidden").doesNotContain("You must be logged in");
    }

    /**
     * {@code aws eks update-kubeconfig} rewrites an entry eksfleet wrote, dropping its marker and adding a
     * context named by the ARN; when the cluster is deleted, {@code --prune} still removes all of it.
     */
    @Test
    void anEntryRewrittenByTheAwsCliIsStillPrunedWhenItsClusterIsGone() throws Exception {
        Path home = ssoScan("rewritten");
        Path kubeconfig = home.resolve(".kube/config");
        Organization.OrgCluster target = targets().get(1);
        String profile = profileOf(kubeconfig, target.arn());
        ExternalCommand update = ExternalCommand.run(ssoEnv(home), "aws", "eks", "update-kubeconfig", "--name", target.cluster().name(),
                "--region", target.cluster().region(), "--profile", profile, "--kubeconfig", kubeconfig.toString());
        assertThat(update.exitCode()).as(update.err()).isZero();
        Map<String, Object> rewritten = ScanEndToEndTest.yaml(kubeconfig);
        assertThat(ScanEndToEndTest.names(rewritten, "contexts")).contains(target.arn());
        assertThat(ScanEndToEndTest.entries(rewritten, "clusters").stream().filter(c -> c.get("name").equals(target.arn())).findFirst()
                .orElseThrow().toString()).doesNotContain("eksfleet");
        ExternalCommand viaCli = ExternalCommand.run(ssoEnv(home), "kubectl", "--context", target.arn(), "get", "namespaces", "-o", "name");
        assertThat(viaCli.exitCode()).as(viaCli.err()).isZero();

        sim.updateOrg(o -> o.withoutCluster(target.arn()));
        try {
            CliRun prune = CliRun.of(scanArgs(home, "--prune"));
            assertThat(prune.exitCode()).as(prune.err()).isZero();
            assertThat(prune.out()).contains("1 pruned");
        } finally {
            sim.updateOrg(o -> ORG);
        }
        String after = Files.readString(kubeconfig);
        assertThat(after).doesNotContain(target.arn());
        List<String> contexts = ScanEndToEndTest.names(ScanEndToEndTest.yaml(kubeconfig), "contexts");
        assertThat(contexts).hasSize(reachable().size() - 1);
        ExternalCommand other = ExternalCommand.run(ssoEnv(home), "kubectl", "--context", contexts.get(0), "get", "namespaces", "-o", "name");
        assertThat(other.exitCode()).as(other.err()).isZero();
    }

    /** A scan through an SSO login cached where the AWS CLI looks for it, writing into {@code HOME}'s own files. */
    private Path ssoScan(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Map<String, Object> token = new HashMap<>();
        token.put("startUrl", ORG.ssoStartUrl());
        token.put("region", ORG.ssoRegion());
        token.put("accessToken", sim.issueAccessToken());
        token.put("expiresAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        new SsoTokenCache(home.resolve(".aws/sso/cache"), Clock.systemUTC()).write(SESSION, token);
        CliRun run = CliRun.of(scanArgs(home));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return home;
    }

    private String[] scanArgs(Path home, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--sso-start-url", ORG.ssoStartUrl(), "--sso-region", ORG.ssoRegion(),
                "--sso-session", SESSION, "--sso-cache", home.resolve(".aws/sso/cache").toString(), "--role", "ReadOnly",
                "--bootstrap-servers", fixture.bootstrapServers(), "--kubeconfig", home.resolve(".kube/config").toString(),
                "--aws-config", home.resolve(".aws/config").toString(), LOCAL_ENDPOINTS));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Map<String, String> ssoEnv(Path home) {
        return Map.of("HOME", home.toString(), "KUBECONFIG", home.resolve(".kube/config").toString(),
                "AWS_ENDPOINT_URL", sim.endpoint().toString());
    }

    private Map<String, String> hubEnv(Path home, String secret) {
        Map<String, String> env = new HashMap<>(ssoEnv(home));
        env.put("AWS_ACCESS_KEY_ID", ORG.hub().accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        return env;
    }

    private String token(Path home, Organization.OrgCluster cluster, String secret) throws Exception {
        ExternalCommand getToken = ExternalCommand.run(hubEnv(home, secret), "aws", "--region", cluster.cluster().region(), "eks",
                "get-token", "--cluster-name", cluster.cluster().name(), "--output", "json");
        assertThat(getToken.exitCode()).as(getToken.err()).isZero();
        Map<?, ?> credential = io.eksfleet.topic.Messages.MAPPER.readValue(getToken.out(), Map.class);
        return (String) ((Map<?, ?>) credential.get("status")).get("token");
    }

    private ExternalCommand kubectlWithToken(Path home, Map<String, Object> cluster, String token) throws Exception {
        Path kubeconfig = Files.createTempFile(home, "token", ".yaml");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("apiVersion", "v1");
        file.put("kind", "Config");
        file.put("clusters", List.of(cluster));
        file.put("users", List.of(Map.of("name", "bearer", "user", Map.of("token", token))));
        file.put("contexts", List.of(Map.of("name", "bearer", "context", Map.of("cluster", cluster.get("name"), "user", "bearer"))));
        file.put("current-context", "bearer");
        Files.writeString(kubeconfig, new org.yaml.snakeyaml.Yaml().dump(file));
        Map<String, String> env = new HashMap<>(ssoEnv(home));
        env.put("KUBECONFIG", kubeconfig.toString());
        return ExternalCommand.run(env, "kubectl", "get", "namespaces", "-o", "name");
    }

    @SuppressWarnings("unchecked")
    private static String profileOf(Path kubeconfig, String arn) throws Exception {
        Map<String, Object> user = ScanEndToEndTest.entries(ScanEndToEndTest.yaml(kubeconfig), "users").stream()
                .filter(u -> u.get("name").equals(arn)).findFirst().orElseThrow();
        Map<String, Object> exec = (Map<String, Object>) ((Map<String, Object>) user.get("user")).get("exec");
        return (String) ((List<Map<String, Object>>) exec.get("env")).get(0).get("value");
    }

    /** The clusters a kubeconfig gets. */
    private static List<Organization.OrgCluster> reachable() {
        return ScanFixture.connectable(ORG);
    }

    /** Clusters outside the hub's own account, so that the hub's identity is a stranger to them. */
    private static List<Organization.OrgCluster> targets() {
        return reachable().stream().filter(c -> !c.account().id().equals(ORG.managementAccountId())).toList();
    }
}
