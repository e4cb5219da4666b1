package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.OrgFiles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EksFleetTest {

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--throttle-rate=2             | throttle rate must be between 0 and 1",
        "--accounts=abc                | '--accounts'",
        "--latency=gaussian:1ms        | unknown latency model",
        "--latency=s3=1ms              | unknown latency target",
        "--slow-latency=soon           | not a duration",
        "--deny-accounts=12            | not a 12-digit account id",
        "--regions=99                  | at most",
        "--port=70000                  | port must be between 0 and 65535",
        "--bogus                       | Unknown option"})
    void nonsenseOptionsGetOneLineAndExitCode1(String option, String expected) {
        CliRun run = run("simulator", option);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("eksfleet simulator: ").contains(expected).endsWith("(see: eksfleet simulator --help)"
                + System.lineSeparator());
        assertThat(run.err().lines()).hasSize(1);
    }

    /**
     * Options of one kind come in one place, in the same order in every command: the command's own, the login,
     * which accounts and regions, the files, the work, the endpoints (AWS, Kafka), the management endpoint, the
     * output, and those every command has (help, version, verbose).
     */
    static final List<List<String>> OPTION_ORDER = List.of(
            List.of("--sso-session", "--profile", "--sso-start-url", "--sso-region", "--role", "--role-prefix", "--roles", "--assume-role",
                    "--external-id", "--partition", "--hub-region"),
            List.of("--accounts", "--accounts-file", "--exclude-accounts", "--regions"),
            List.of("--kubeconfig", "--aws-config", "--context-template", "--profile-template", "--current-context", "--dry-run", "--prune",
                    "--allow-loopback-endpoints", "--only-accessible"),
            List.of("--workers", "--detach", "--wait", "--preset", "--max-in-flight", "--sso-rps", "--eks-rps", "--ec2-rps", "--sts-rps",
                    "--retries", "--backoff", "--call-timeout", "--task-timeout", "--access-entries", "--sso-cache", "--scan-timeout", "--access-retry-window", "--rescan-every",
                    "--ready-timeout"),
            List.of("--endpoint-url", "--bootstrap-servers", "--kafka-config", "--kafka-property", "--connect-timeout", "--stage-partitions"),
            List.of("--management-port", "--instance-id"),
            List.of("--output", "--report"),
            List.of("--help", "--version", "--verbose", "--no-color"));

    @Test
    void everyCommandListsItsOptionsInTheSameOrder() {
        picocli.CommandLine all = EksFleet.commandLine(null);
        java.util.Map<String, picocli.CommandLine> commands = new java.util.LinkedHashMap<>(all.getSubcommands());
        commands.put("kubeconfig sync", all.getSubcommands().get("kubeconfig").getSubcommands().get("sync"));
        // The simulator's and the benchmark's options describe an organisation and a run, not a scan (--accounts is a count there).
        commands.keySet().removeAll(List.of("simulator", "bench"));
        commands.forEach((name, command) -> {
            List<Integer> kinds = command.getCommandSpec().options().stream().map(o -> kind(o.longestName())).toList();
            assertThat(kinds).as(name + ": " + command.getCommandSpec().options().stream().map(o -> o.longestName()).toList()).isSorted();
        });
    }

    private static int kind(String option) {
        for (int i = 0; i < OPTION_ORDER.size(); i++) {
            if (OPTION_ORDER.get(i).contains(option)) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void unreadableOrInvalidOrgFileGetsOneLine() throws Exception {
        CliRun missing = run("simulator", "--org", dir.resolve("missing.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read org file").contains("no such file");
        assertThat(missing.err().lines()).hasSize(1);

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"organizationId\": 3, ");
        CliRun invalid = run("simulator", "--org", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("is not a valid organisation");
        assertThat(invalid.err().lines()).hasSize(1);
    }

    @Test
    void portInUseGetsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = run("simulator", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("port " + taken.getLocalPort()).contains("is in use").contains("--port");
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void aBenchWithoutAWarmUpScanIsRefusedBeforeAnythingStarts() {
        CliRun run = run("bench", "--scenario", "overhead-warm", "--warm-up-scans", "0");
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        assertThat(run.err()).contains("--warm-up-scans must be at least 1");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).doesNotContain("scenario overhead-warm");
    }

    @Test
    void writesTheGeneratedOrganisation() {
        Path file = dir.resolve("org.yaml");
        CliRun run = run("simulator", "--accounts", "3", "--regions", "2", "--clusters", "4", "--seed", "9", "--write-org", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(OrgFiles.read(file).clusterCount()).isEqualTo(4);
    }

    @Test
    void everyCommandHasHelp() {
        List<String> commands = List.of("scan", "status", "coordinator", "worker", "kubeconfig", "kubeconfig sync", "login",
                "dead-letters", "simulator", "bench");
        for (String command : commands) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            CliRun run = run(args.toArray(String[]::new));
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("Usage: eksfleet " + command);
        }
        String help = run("--help").out();
        commands.stream().filter(c -> !c.contains(" ")).forEach(c -> assertThat(help).contains(c));
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNamesAndAnythingElseGetsTheWholeTree() {
        assertThat(EksFleet.commandLine("status").getSubcommands()).containsOnlyKeys("status");
        assertThat(EksFleet.commandLine(null).getSubcommands()).containsKeys("scan", "status", "coordinator", "worker", "kubeconfig",
                "login", "dead-letters", "simulator", "bench", "presets", "completion");
        assertThat(EksFleet.commandLine("scna").getSubcommands()).hasSameSizeAs(EksFleet.commandLine(null).getSubcommands());
        CliRun typo = run("scna");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).isEqualTo("eksfleet: Unmatched argument at index 0: 'scna' (see: eksfleet --help)\n");
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndBashLoadsIt() throws Exception {
        CliRun completion = run("completion");
        assertThat(completion.exitCode()).as(completion.err()).isZero();
        assertThat(completion.out()).contains("scan", "kubeconfig", "dead-letters", "--max-in-flight", "--assume-role", "--context-template");
        Path script = Files.writeString(dir.resolve("eksfleet.bash"), completion.out());
        Process bash = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p eksfleet").redirectErrorStream(true).start();
        String printed = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(printed).isZero();
        assertThat(printed).contains("eksfleet");
        assertThat(run("completion", "fish").err()).contains("expected one of [bash, zsh]");
    }

    @Test
    void theCompletionOffersTheValuesOfEveryEnumeratedOption() throws Exception {
        Path script = Files.writeString(dir.resolve("eksfleet.bash"), run("completion").out());
        assertThat(complete(script, "scan", "--preset", "")).containsExactlyInAnyOrder("conservative", "default", "aggressive");
        assertThat(complete(script, "scan", "--preset", "c")).containsExactly("conservative");
        assertThat(complete(script, "worker", "--preset", "")).containsExactlyInAnyOrder("conservative", "default", "aggressive");
        assertThat(complete(script, "scan", "--regions", "")).contains("enabled", "all", "us-east-1", "eu-west-1", "ap-southeast-2")
                .doesNotContain("us-gov-west-1", "cn-north-1", "aws-global");
        assertThat(complete(script, "scan", "--regions", "eu-we")).contains("eu-west-1", "eu-west-3").allMatch(r -> r.startsWith("eu-west-"));
        assertThat(complete(script, "coordinator", "--regions", "en")).containsExactly("enabled");
        assertThat(complete(script, "kubeconfig", "sync", "--regions", "us-east-")).containsExactlyInAnyOrder("us-east-1", "us-east-2");
        assertThat(complete(script, "inventory", "--status", "")).containsExactlyInAnyOrder("ACTIVE", "CREATING", "UPDATING", "DELETING",
                "FAILED", "PENDING");
        for (String command : List.of("scan", "accounts", "status", "dead-letters", "presets")) {
            assertThat(complete(script, command, "--output", "")).as(command).containsExactlyInAnyOrder("text", "json", "yaml");
        }
        assertThat(complete(script, "inventory", "--output", "")).containsExactlyInAnyOrder("text", "json", "yaml", "csv");
        assertThat(complete(script, "completion", "")).contains("bash", "zsh");
    }

    /** What bash offers after {@code eksfleet WORDS} (the last one being typed), with the completion script loaded. */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder line = new StringBuilder("eksfleet");
        for (String word : words) {
            line.append(' ').append(word);
        }
        // compopt changes how bash shows the candidates; outside a real completion it only complains.
        String bash = "source " + script + "\ncompopt() { :; }\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "read -r -a COMP_WORDS <<< \"$COMP_LINE\"\n"
                + (words[words.length - 1].isEmpty() ? "COMP_WORDS+=('')\n" : "")
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_eksfleet eksfleet \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process process = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(printed).isZero();
        return printed.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
