package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.AccessEntry;
import io.eksfleet.simulator.org.AuthenticationMode;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The real AWS CLI v1 (which honours {@code AWS_ENDPOINT_URL}) against the simulator: {@code describe-cluster} shows
 * {@code accessConfig}; {@code list-access-entries}, {@code describe-access-entry} and
 * {@code list-associated-access-policies} parse and page; a CONFIG_MAP cluster refuses the access-entry calls. Then
 * kubectl, through {@code aws eks get-token}, gets in where the organisation's ground truth says the role has an
 * access entry and is forbidden where it has none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessEntriesCliTest {

    static final String ROLE = "EksFleetReader";
    static final Organization ORG = OrgGenerator.generate(4, 2, 16, 25, OrgGenerator.Options.DEFAULT.withMixedAuthentication(true));

    Simulator sim;
    @TempDir
    Path home;

    @BeforeAll
    void start() throws Exception {
        Tools.require("aws", "the test runs the AWS CLI against the simulator");
        sim = Simulator.start(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED).kubernetesApi(true).build());
    }

    @AfterAll
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theAwsCliReadsAccessEntriesInAwsShapes() throws Exception {
        Organization.OrgCluster open = find(c -> c.cluster().authenticationMode() == AuthenticationMode.API
                && c.admits(hubRole(c)) && c.cluster().accessEntries().size() > 3);
        Map<String, String> env = env(open);
        String name = open.cluster().name();

        Map<String, Object> cluster = map(json(env, "describe-cluster", "--name", name).get("cluster"));
        assertThat(map(cluster.get("accessConfig"))).containsEntry("authenticationMode", "API")
                .containsEntry("bootstrapClusterCreatorAdminPermissions", true);

        sim.calls().reset();
        List<String> expected = open.cluster().accessEntries().stream().map(AccessEntry::principalArn).toList();
        assertThat(json(env, "list-access-entries", "--cluster-name", name, "--page-size", "2").get("accessEntries"))
                .isEqualTo(expected);
        assertThat(sim.calls().count(Api.EKS_LIST_ACCESS_ENTRIES)).as("pages of two").isEqualTo((expected.size() + 1) / 2);

        String sso = ORG.ssoRoleArn(open.account().id(), "ReadOnly");
        Map<String, Object> entry = map(json(env, "describe-access-entry", "--cluster-name", name, "--principal-arn", sso).get("accessEntry"));
        assertThat(entry).containsEntry("clusterName", name).containsEntry("principalArn", sso).containsEntry("type", "STANDARD")
                .containsKeys("accessEntryArn", "createdAt", "modifiedAt", "username", "kubernetesGroups", "tags");

        Map<String, Object> policies = json(env, "list-associated-access-policies", "--cluster-name", name, "--principal-arn", sso,
                "--page-size", "1");
        assertThat(policies).containsEntry("clusterName", name).containsEntry("principalArn", sso);
        List<Map<String, Object>> associated = list(policies.get("associatedAccessPolicies"));
        assertThat(associated).hasSize(open.cluster().accessEntry(sso).orElseThrow().policies().size());
        assertThat(associated).allSatisfy(p -> {
            assertThat((String) p.get("policyArn")).startsWith("arn:aws:eks::aws:cluster-access-policy/AmazonEKS");
            assertThat(map(p.get("accessScope")).get("type")).isIn("cluster", "namespace");
            assertThat(p).containsKeys("associatedAt", "modifiedAt");
        });

        Organization.OrgCluster legacy = find(c -> c.cluster().authenticationMode() == AuthenticationMode.CONFIG_MAP);
        ExternalCommand refused = aws(env(legacy), "list-access-entries", "--cluster-name", legacy.cluster().name());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("InvalidRequestException").contains("[API, API_AND_CONFIG_MAP]");
        ExternalCommand unknown = aws(env, "describe-access-entry", "--cluster-name", name, "--principal-arn",
                ORG.roleArn(open.account().id(), "nobody"));
        assertThat(unknown.err()).contains("ResourceNotFoundException");
    }

    @Test
    void kubectlGetsInExactlyWhereTheRoleHasAnEntryOrTheModeLetsItIn() throws Exception {
        Organization.OrgCluster open = find(c -> c.cluster().authenticationMode() == AuthenticationMode.API && c.admits(hubRole(c)));
        Organization.OrgCluster closed = find(c -> c.cluster().authenticationMode() == AuthenticationMode.API && !c.admits(hubRole(c)));
        Organization.OrgCluster legacy = find(c -> c.cluster().authenticationMode() == AuthenticationMode.CONFIG_MAP);
        Tools.require("kubectl", "kubectl proves which clusters the role gets into");
        for (Organization.OrgCluster target : List.of(open, closed, legacy)) {
            Map<String, String> env = new HashMap<>(env(target));
            Map<String, Object> cluster = map(json(env, "describe-cluster", "--name", target.cluster().name()).get("cluster"));
            env.put("KUBECONFIG", kubeconfig(target, cluster).toString());
            ExternalCommand get = ExternalCommand.run(env, "kubectl", "get", "namespaces", "-o", "name");
            if (target.admits(hubRole(target))) {
                assertThat(get.exitCode()).as("%s: %s", target.arn(), get.err()).isZero();
                assertThat(get.out()).contains("namespace/default");
            } else {
                assertThat(get.exitCode()).isNotZero();
                assertThat(get.err()).contains("Error from server (Forbidden)");
            }
        }
    }

    private static String hubRole(Organization.OrgCluster c) {
        return ORG.roleArn(c.account().id(), ROLE);
    }

    private static Organization.OrgCluster find(Predicate<Organization.OrgCluster> what) {
        return ORG.clusters().filter(c -> c.cluster().status() == ClusterStatus.ACTIVE).filter(what).findFirst().orElseThrow();
    }

    /** The AWS CLI's environment: the role's credentials in the cluster's account, assumed by the hub, and nothing of the developer's. */
    private Map<String, String> env(Organization.OrgCluster target) {
        var hub = ORG.hub();
        try (StsClient sts = StsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(hub.accessKeyId(), hub.secretAccessKey())))
                .build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn(hubRole(target)).roleSessionName("cli")).credentials();
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("AWS_ENDPOINT_URL", sim.endpoint().toString());
            env.put("AWS_DEFAULT_REGION", target.cluster().region());
            env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
            env.put("AWS_SESSION_TOKEN", c.sessionToken());
            return env;
        }
    }

    private Path kubeconfig(Organization.OrgCluster target, Map<String, Object> cluster) throws Exception {
        String name = target.cluster().name();
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "aws");
        exec.put("args", List.of("--region", target.cluster().region(), "eks", "get-token", "--cluster-name", name, "--output", "json"));
        exec.put("interactiveMode", "Never");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("apiVersion", "v1");
        file.put("kind", "Config");
        file.put("clusters", List.of(Map.of("name", name, "cluster", Map.of("server", cluster.get("endpoint"),
                "certificate-authority-data", map(cluster.get("certificateAuthority")).get("data")))));
        file.put("users", List.of(Map.of("name", name, "user", Map.of("exec", exec))));
        file.put("contexts", List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name))));
        file.put("current-context", name);
        Path path = Files.createTempFile(home, "kube", ".yaml");
        Files.writeString(path, new org.yaml.snakeyaml.Yaml().dump(file));
        return path;
    }

    private static ExternalCommand aws(Map<String, String> env, String... eksArgs) {
        List<String> command = new ArrayList<>(List.of("aws", "eks"));
        command.addAll(List.of(eksArgs));
        command.addAll(List.of("--output", "json"));
        return ExternalCommand.run(env, command.toArray(String[]::new));
    }

    private static Map<String, Object> json(Map<String, String> env, String... eksArgs) throws Exception {
        ExternalCommand run = aws(env, eksArgs);
        assertThat(run.exitCode()).as("aws eks %s: %s", String.join(" ", eksArgs), run.err()).isZero();
        return map(Messages.MAPPER.readValue(run.out(), Map.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
