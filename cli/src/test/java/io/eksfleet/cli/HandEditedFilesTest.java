package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan after a person or kubectl edited its files: a hand-written AWS profile of the name a scan wants is
 * left byte for byte and the scan says which profile it wrote instead; a kubeconfig that kubectl
 * re-serialised is not rewritten, and every eksfleet entry in it counts as unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandEditedFilesTest {

    static final String SESSION = "edited";
    static final Organization ORG = OrgGenerator.generate(3, 2, 6, 47);

    @RegisterExtension
    final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void aHandWrittenProfileOfTheWantedNameStaysAndTheScanSaysWhichItWroteInstead() throws Exception {
        Organization.OrgCluster target = ScanFixture.connectable(ORG).get(0);
        String wanted = (target.account().name() + ".ReadOnly").replaceAll("[^A-Za-z0-9._-]", "-");
        String instead = wanted + "." + target.account().id();
        Path awsConfig = dir.resolve("profile/aws-config");
        Path kubeconfig = dir.resolve("profile/kubeconfig");
        Files.createDirectories(awsConfig.getParent());
        String mine = "[profile " + wanted + "]\nsso_session = other\nsso_role_name = MyOwnRole\nregion = ap-southeast-2\n";
        Files.writeString(awsConfig, mine);

        CliRun run = fixture.scan(ORG, SESSION, kubeconfig, awsConfig, "--report", dir.resolve("profile/report.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String note = "profile " + wanted + " is not eksfleet's; wrote " + instead + " instead";
        assertThat(run.out()).contains("    note: " + note);
        Map<?, ?> report = Messages.MAPPER.readValue(dir.resolve("profile/report.json").toFile(), Map.class);
        assertThat((List<Object>) ((Map<?, ?>) report.get("awsConfig")).get("notes")).containsExactly(note);
        String written = Files.readString(awsConfig);
        assertThat(written).as("the person's profile, byte for byte").startsWith(mine + "\n").contains("[profile " + instead + "]");
        assertThat(Files.readString(kubeconfig)).contains("value: " + instead).doesNotContain("value: " + wanted + "\n");

        Tools.require("aws", "the AWS CLI reads the profiles back");
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", awsConfig.toString(), "HOME", dir.toString());
        ExternalCommand role = ExternalCommand.run(env, "aws", "configure", "get", "sso_role_name", "--profile", instead);
        assertThat(role.exitCode()).as(role.err()).isZero();
        assertThat(role.out()).isEqualTo("ReadOnly\n");
        assertThat(ExternalCommand.run(env, "aws", "configure", "get", "sso_role_name", "--profile", wanted).out()).isEqualTo("MyOwnRole\n");
    }

    @Test
    void aScanAfterKubectlEditedTheKubeconfigFindsEveryEntryUnchangedAndLeavesTheFile() throws Exception {
        Tools.require("kubectl", "kubectl edits the kubeconfig");
        Path kubeconfig = dir.resolve("kubectl/config");
        Path awsConfig = dir.resolve("kubectl/aws-config");
        int entries = ScanFixture.connectable(ORG).size();
        CliRun first = fixture.scan(ORG, SESSION, kubeconfig, awsConfig);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains(entries + " added, 0 updated, 0 unchanged");

        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", dir.toString());
        String context = kubectl(env, "config", "get-contexts", "-o", "name").lines().sorted().findFirst().orElseThrow();
        kubectl(env, "config", "use-context", context);
        kubectl(env, "config", "set-context", "--current", "--namespace=team-a");
        kubectl(env, "config", "set-context", "mine", "--cluster=" + ScanFixture.connectable(ORG).get(0).arn(), "--user=me");
        String byKubectl = Files.readString(kubeconfig);
        assertThat(byKubectl).as("kubectl re-serialised the file").contains("interactiveMode: IfAvailable", "provideClusterInfo: false");
        FileTime mtime = Files.getLastModifiedTime(kubeconfig);

        CliRun again = fixture.scan(ORG, SESSION, kubeconfig, awsConfig);

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(": 0 added, 0 updated, " + entries + " unchanged, 0 pruned");
        assertThat(Files.readString(kubeconfig)).as("not rewritten").isEqualTo(byKubectl);
        assertThat(Files.getLastModifiedTime(kubeconfig)).isEqualTo(mtime);
        assertThat(kubectl(env, "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}")).isEqualTo("team-a");
    }

    private static String kubectl(Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "kubectl";
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalCommand run = ExternalCommand.run(env, command);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }
}
