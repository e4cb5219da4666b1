package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The conventions a script relies on, as the AWS CLI and kubectl keep them: {@code --dry-run > file} is a kubeconfig,
 * {@code --output yaml} is the JSON's data, the login is read where the AWS CLI reads it while the profiles go where
 * {@code --aws-config} says, and AWS is reached through a proxy and a CA of the corporate network's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliConventionsTest {

    static final String SESSION = "conventions";
    static final Organization ORG = OrgGenerator.generate(6, 2, 12, 24);

    @RegisterExtension
    final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);

    @TempDir
    Path dir;

    @Test
    void dryRunPrintsOnlyTheKubeconfigOnStdoutAndKubectlLoadsIt() throws Exception {
        Path kubeconfig = dir.resolve("dry/config");
        for (String output : List.of("text", "json")) {
            CliRun run = fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("dry/aws"), "--dry-run", "--output", output);
            assertThat(run.exitCode()).as(run.err()).isZero();
            // eksfleet scan --dry-run > file
            Path file = Files.writeString(dir.resolve("dry-run-" + output + ".yaml"), run.out());
            ExternalCommand contexts = ExternalCommand.run(Map.of("HOME", dir.toString()), "kubectl", "--kubeconfig", file.toString(),
                    "config", "get-contexts", "-o", "name");
            assertThat(contexts.exitCode()).as(contexts.err()).isZero();
            assertThat(contexts.out().lines()).hasSize(ScanFixture.connectable(ORG).size());
            assertThat(run.out()).startsWith("apiVersion: v1\n").doesNotContain("dry run").doesNotContain("scanId");
            assertThat(run.err()).contains(output.equals("json") ? "\"scanId\"" : "(dry run, not written)");
        }
        assertThat(dir.resolve("dry")).doesNotExist();
    }

    @Test
    void everyOutputYamlIsTheDataOfItsJson() throws Exception {
        Path report = dir.resolve("yaml/report.json");
        CliRun scan = fixture.scan(ORG, SESSION, dir.resolve("yaml/config"), dir.resolve("yaml/aws"), "--output", "yaml",
                "--report", report.toString());
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(fromYaml(scan.out())).isEqualTo(Messages.MAPPER.readTree(Files.readString(report)));
        String scanId = Messages.MAPPER.readTree(Files.readString(report)).get("scanId").asString();

        List<List<String>> commands = List.of(
                List.of("status", scanId, "--bootstrap-servers", fixture.bootstrapServers()),
                List.of("dead-letters", "--bootstrap-servers", fixture.bootstrapServers()),
                List.of("presets"),
                List.of("accounts", "--sso-start-url", ORG.ssoStartUrl(), "--sso-region", ORG.ssoRegion(), "--sso-session", SESSION,
                        "--sso-cache", fixture.cache.toString()));
        for (List<String> command : commands) {
            JsonNode json = Messages.MAPPER.readTree(run(command, "json").out());
            CliRun yaml = run(command, "yaml");
            assertThat(fromYaml(yaml.out())).as(String.join(" ", command)).isEqualTo(json);
            if (json.size() > 0) {
                assertThat(yaml.out()).as("block style").doesNotStartWith("{").doesNotStartWith("[");
            }
        }
        assertThat(Messages.MAPPER.readTree(run(commands.get(0), "json").out()).get("status").asString()).isEqualTo("complete");
        assertThat(Messages.MAPPER.readTree(run(commands.get(3), "json").out()).size()).isEqualTo(ORG.accounts().size());
    }

    @Test
    void theLoginIsReadFromTheAwsCliConfigWhileTheProfilesGoToAnotherFile() throws Exception {
        fixture.login(ORG, "my-sso");
        Path home = Files.createDirectories(dir.resolve("login/home"));
        Path login = Files.createDirectories(home.resolve(".aws")).resolve("config");
        String loginText = "[sso-session my-sso]\nsso_start_url = " + ORG.ssoStartUrl() + "\nsso_region = " + ORG.ssoRegion() + "\n";
        Files.writeString(login, loginText);
        Path profiles = dir.resolve("login/profiles");
        String handWritten = "# mine\n[profile mine]\nregion = eu-west-1\n";
        Files.writeString(profiles, handWritten);
        Path kubeconfig = dir.resolve("login/kubeconfig");
        Map<String, String> env = Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", fixture.sim.endpoint().toString());

        CliProcess scan = CliProcess.run(dir, env, scanArgs("my-sso", kubeconfig, profiles));
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(Files.readString(login)).as("the AWS CLI's config is only read").isEqualTo(loginText);
        assertThat(Files.readString(profiles)).startsWith(handWritten).contains("sso_session = my-sso").contains("[sso-session my-sso]");
        assertThat(Files.readString(kubeconfig)).contains("AWS_PROFILE");

        // AWS_CONFIG_FILE moves the AWS CLI's config, and so where the login is read.
        Path moved = Files.writeString(dir.resolve("login/moved-config"), loginText);
        Files.delete(login);
        CliProcess fromVariable = CliProcess.run(dir, with(env, "AWS_CONFIG_FILE", moved.toString()), scanArgs("my-sso", kubeconfig, profiles));
        assertThat(fromVariable.exitCode()).as(fromVariable.err()).isZero();

        CliProcess missing = CliProcess.run(dir, env, scanArgs("nope", kubeconfig, profiles));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).contains("no [sso-session nope] in " + login + " or " + profiles).doesNotContain("\n");

        assertThat(CliRun.of("scan", "--help").out().replaceAll("\\s+", " "))
                .contains("The login (--sso-session, --profile) is read from $AWS_CONFIG_FILE, else ~/.aws/config");
    }

    @Test
    void awsIsReachedThroughTheHttpsProxyWithTheCaBundleOfAwsCaBundle() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        try (TlsEndpoint network = new TlsEndpoint(tls, fixture.sim.endpoint().getPort())) {
            Map<String, String> env = Map.of("HOME", tls.toString(), "AWS_ENDPOINT_URL", network.url(), "HTTPS_PROXY", network.proxyUrl());
            Path kubeconfig = tls.resolve("kubeconfig");
            List<String> args = new ArrayList<>(fixture.scanArgs(ORG, SESSION, kubeconfig, tls.resolve("aws-config")));
            args.addAll(List.of("--scan-timeout", "60s", "--retries", "0"));

            CliProcess untrusted = CliProcess.run(tls, env, args.toArray(String[]::new));
            assertThat(untrusted.exitCode()).as(untrusted.err()).isNotZero();
            assertThat(untrusted.err()).containsIgnoringCase("certificat");
            assertThat(kubeconfig).doesNotExist();
            assertThat(network.tunnels()).as("the scan went through the proxy").isPositive();

            CliProcess trusted = CliProcess.run(tls, with(env, "AWS_CA_BUNDLE", network.caPem.toString()), args.toArray(String[]::new));
            assertThat(trusted.exitCode()).as(trusted.err()).isZero();
            assertThat(Files.readString(kubeconfig)).contains(ScanFixture.connectable(ORG).get(0).arn());

            // NO_PROXY names the endpoint: no tunnel, and the scan still succeeds.
            int tunnels = network.tunnels();
            CliProcess direct = CliProcess.run(tls, with(with(env, "AWS_CA_BUNDLE", network.caPem.toString()), "NO_PROXY", "127.0.0.1"),
                    args.toArray(String[]::new));
            assertThat(direct.exitCode()).as(direct.err()).isZero();
            assertThat(network.tunnels()).isEqualTo(tunnels);
        }
    }

    @Test
    void aBadAwsCaBundleIsOneLineAndTouchesNothing() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad-bundle"));
        Path notPem = Files.writeString(bad.resolve("not.pem"), "this is not a certificate\n");
        Path brokenPem = Files.writeString(bad.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n");
        Map<Path, String> cases = Map.of(bad.resolve("missing.pem"), "does not exist", bad, "is not a file (a PEM file of CA certificates is needed)", notPem,
                "holds no PEM certificate (-----BEGIN CERTIFICATE-----)", brokenPem, "holds a certificate that cannot be read (number 1)");
        Path kubeconfig = bad.resolve("kubeconfig");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            CliProcess run = CliProcess.run(bad, Map.of("HOME", bad.toString(), "AWS_CA_BUNDLE", c.getKey().toString()),
                    scanArgs(SESSION, kubeconfig, bad.resolve("aws-config")));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("eksfleet: AWS_CA_BUNDLE names " + c.getKey() + ", which " + c.getValue()
                    + ": fix the path or unset AWS_CA_BUNDLE\n");
            assertThat(run.out()).isEmpty();
        }
        assertThat(kubeconfig).doesNotExist();
        assertThat(bad.resolve("aws-config")).doesNotExist();
    }

    private String[] scanArgs(String session, Path kubeconfig, Path awsConfig) {
        return new String[] {"scan", "--sso-session", session, "--sso-cache", fixture.cache.toString(), "--role", "ReadOnly",
            "--bootstrap-servers", fixture.bootstrapServers(), "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString()};
    }

    private static CliRun run(List<String> command, String output) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--output", output));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isIn(0, 2);
        return run;
    }

    /** YAML as a YAML reader sees it, as a JSON tree to compare with the JSON. */
    private static JsonNode fromYaml(String yaml) {
        return Messages.MAPPER.valueToTree(new Yaml().load(yaml));
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return more;
    }
}
