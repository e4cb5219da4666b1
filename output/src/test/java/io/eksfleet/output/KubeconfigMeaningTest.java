package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.SsoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * eksfleet compares its kubeconfig entries by what kubectl reads from them: after any {@code kubectl config}
 * command has re-serialised the file, a write that changes nothing reports every entry unchanged and leaves
 * the file alone, the person's change included; a real change is still an update.
 */
class KubeconfigMeaningTest {

    /** A real (self-signed) certificate, base64 as DescribeCluster returns it. */
    static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJnVENDQVNlZ0F3SUJBZ0lVSXNlZUVReFpKdGFJZEhVSFlvemlHZnljSWtvd0NnWUlLb1pJemowRUF3SXcKRlRFVE1CRUdBMVVFQXd3S2EzVmlaWEp1WlhSbGN6QWdGdzB5TmpFeU1EWXdOREV6TURKYUdBOHlNVEkyTVRFeApNakEwTVRNd01sb3dGVEVUTUJFR0ExVUVBd3dLYTNWaVpYSnVaWFJsY3pCWk1CTUdCeXFHU000OUFnRUdDQ3FHClNNNDlBd0VIQTBJQUJEQUFmaFpEK3NHL0RBVklzTnI5ZlB2cHMvMWJKRm1XMXZwZ1duclZJNGt2Q3hIR3FEWHUKM3BFZkswUlZOR3ZJb1prZ1JyaWRudjJQRFFUaGVDOFpMTGlqVXpCUk1CMEdBMVVkRGdRV0JCUXN5T3RCc0lHVQowWDBxb2NtL1p2cXNFTWFQSkRBZkJnTlZIU01FR0RBV2dCUXN5T3RCc0lHVTBYMHFvY20vWnZxc0VNYVBKREFQCkJnTlZIUk1CQWY4RUJUQURBUUgvTUFvR0NDcUdTTTQ5QkFNQ0EwZ0FNRVVDSUdmQlpRaG9va1I1SDNLZ2JBbnMKdEdudVdtOENDRk9jaWJtNlNwY0tkU21kQWlFQS9OMjZYL2JWMkJESlpYTnkvd1U0SCtPUTQwRVN1cGtUaWsyUwpMQzFkTUhrPQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";
    static final SsoSource SSO = new SsoSource("https://d-1234567890.awsapps.com/start", "us-east-1", "work");

    @TempDir
    Path dir;

    static ClusterRecord cluster(String account, String region, String name, String endpointId) {
        return new ClusterRecord("arn:aws:eks:" + region + ":" + account + ":cluster/" + name, name, account, "acct-" + account,
                "ReadOnly", region, "https://" + endpointId + ".gr7." + region + ".eks.amazonaws.com", CA, "1.31", "eks.1", "ACTIVE",
                Map.of(), Instant.EPOCH);
    }

    OutputWriter writer(Path kubeconfig) {
        return new OutputWriter(new OutputWriter.Settings(kubeconfig, dir.resolve("aws-config"), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), false, false, null, false, false));
    }

    @Test
    void entriesKubectlRewroteAreUnchangedTheFileIsNotRewrittenAndTheKubectlChangeStays() throws Exception {
        Tools.require("kubectl", "the test reads the file back as kubectl rewrites it");
        Path kubeconfig = dir.resolve("kube/config");
        ClusterRecord sso = cluster("111111111111", "eu-west-1", "apps", "0123456789ABCDEF0123456789ABCDEF");
        ClusterRecord hub = cluster("222222222222", "us-east-1", "data", "FEDCBA9876543210FEDCBA9876543210");
        writer(kubeconfig).write(List.of(sso), Access.viaSso(SSO, null), arn -> false);
        writer(kubeconfig).write(List.of(hub), new Access(null, null, null), arn -> false);

        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString());
        Tool.run(env, "kubectl", "config", "use-context", "acct-111111111111/eu-west-1/apps");
        Tool.run(env, "kubectl", "config", "set-context", "--current", "--namespace=team-a");
        Tool.run(env, "kubectl", "config", "set-context", "mine", "--cluster=" + hub.arn(), "--user=" + hub.arn());
        String byKubectl = Files.readString(kubeconfig);
        assertThat(byKubectl).as("kubectl re-serialised the file").contains("interactiveMode: IfAvailable", "provideClusterInfo: false",
                "env: null", "account-id: \"111111111111\"");
        FileTime mtime = Files.getLastModifiedTime(kubeconfig);

        OutputWriter.Written ssoAgain = writer(kubeconfig).write(List.of(sso), Access.viaSso(SSO, null), arn -> false);
        OutputWriter.Written hubAgain = writer(kubeconfig).write(List.of(hub), new Access(null, null, null), arn -> false);

        for (OutputWriter.Written w : List.of(ssoAgain, hubAgain)) {
            assertThat(List.of(w.added(), w.updated(), w.unchanged())).as("added, updated, unchanged").containsExactly(0, 0, 1);
            assertThat(w.notWritten()).isEmpty();
        }
        assertThat(Files.readString(kubeconfig)).as("not rewritten").isEqualTo(byKubectl);
        assertThat(Files.getLastModifiedTime(kubeconfig)).isEqualTo(mtime);
        assertThat(dir.resolve("kube/config.lock")).doesNotExist();

        ClusterRecord moved = cluster("111111111111", "eu-west-1", "apps", "00000000000000000000000000000000");
        OutputWriter.Written update = writer(kubeconfig).write(List.of(moved), Access.viaSso(SSO, null), arn -> false);
        assertThat(List.of(update.added(), update.updated(), update.unchanged())).as("a new endpoint is an update").containsExactly(0, 1, 0);
        Map<String, Object> after = new Yaml().load(Files.readString(kubeconfig));
        assertThat(entry(after, "clusters", sso.arn(), "cluster")).containsEntry("server", moved.endpoint());
        assertThat(entry(after, "contexts", "acct-111111111111/eu-west-1/apps", "context")).as("the namespace kubectl set stays")
                .containsEntry("namespace", "team-a");
        assertThat(entry(after, "contexts", "mine", "context")).containsEntry("cluster", hub.arn());
        assertThat(after.get("current-context")).isEqualTo("acct-111111111111/eu-west-1/apps");
        String current = Tool.run(env, "kubectl", "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace} {.clusters[0].cluster.server}");
        assertThat(current).isEqualTo("team-a " + moved.endpoint());
    }

    @Test
    void kubectlsDefaultsAndSpellingsMeanTheSameButOrderAndValuesDoNot() {
        Map<String, Object> ours = user(exec("client.authentication.k8s.io/v1beta1", List.of("eks", "get-token"), null));
        Map<String, Object> kubectls = user(exec("client.authentication.k8s.io/v1beta1", List.of("eks", "get-token"), List.of()));
        exec(kubectls).put("interactiveMode", "IfAvailable");
        exec(kubectls).put("provideClusterInfo", false);
        assertThat(KubeconfigMeaning.same(ours, kubectls)).isTrue();

        exec(kubectls).put("interactiveMode", "Never");
        assertThat(KubeconfigMeaning.same(ours, kubectls)).as("another interactive mode").isFalse();
        Map<String, Object> v1 = user(exec("client.authentication.k8s.io/v1", List.of("eks", "get-token"), null));
        Map<String, Object> v1IfAvailable = user(exec("client.authentication.k8s.io/v1", List.of("eks", "get-token"), null));
        exec(v1IfAvailable).put("interactiveMode", "IfAvailable");
        assertThat(KubeconfigMeaning.same(v1, v1IfAvailable)).as("v1 has no default").isFalse();
        assertThat(KubeconfigMeaning.same(ours, user(exec("client.authentication.k8s.io/v1beta1", List.of("get-token", "eks"), null))))
                .as("args in another order").isFalse();
        Map<String, Object> provides = user(exec("client.authentication.k8s.io/v1beta1", List.of("eks", "get-token"), null));
        exec(provides).put("provideClusterInfo", true);
        assertThat(KubeconfigMeaning.same(ours, provides)).isFalse();

        assertThat(KubeconfigMeaning.same(Map.of("name", "c", "cluster", Map.of("server", "https://x", "certificate-authority-data", "")),
                Map.of("name", "c", "cluster", Map.of("server", "https://x")))).as("empty CA data is no CA data").isTrue();
        assertThat(KubeconfigMeaning.same(Map.of("name", "c", "cluster", Map.of("certificate-authority-data", CA)),
                Map.of("name", "c", "cluster", Map.of("certificate-authority-data", CA.substring(0, 76) + "\n" + CA.substring(76)))))
                .as("the same bytes").isTrue();
        assertThat(KubeconfigMeaning.same(Map.of("name", "c", "cluster", Map.of("certificate-authority-data", CA)),
                Map.of("name", "c", "cluster", Map.of("certificate-authority-data", "Q0E=")))).as("other bytes").isFalse();
    }

    private static Map<String, Object> user(Map<String, Object> exec) {
        return new LinkedHashMap<>(Map.of("name", "u", "user", new LinkedHashMap<>(Map.of("exec", exec))));
    }

    private static Map<String, Object> exec(String apiVersion, List<String> args, List<Object> env) {
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", apiVersion);
        exec.put("command", "aws");
        exec.put("args", new ArrayList<>(args));
        exec.put("env", env);
        return exec;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exec(Map<String, Object> user) {
        return (Map<String, Object>) ((Map<String, Object>) user.get("user")).get("exec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> root, String list, String name, String body) {
        return ((List<Map<String, Object>>) root.get(list)).stream().filter(e -> name.equals(e.get("name")))
                .map(e -> (Map<String, Object>) e.get(body)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + list));
    }
}
