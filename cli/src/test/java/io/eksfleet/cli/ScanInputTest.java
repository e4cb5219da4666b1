package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.sso.SsoTokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code eksfleet scan}: one clear line, exit code 1, and no file touched. */
class ScanInputTest {

    static final String START_URL = "https://d-1234567890.awsapps.com/start";

    @TempDir
    Path dir;
    Path cache;
    Path kubeconfig;
    Path awsConfig;

    @BeforeEach
    void validLogin() throws Exception {
        cache = dir.resolve("cache");
        kubeconfig = dir.resolve("kube/config");
        awsConfig = dir.resolve("aws/config");
        writeToken(Instant.now().plusSeconds(3600));
    }

    CliRun scan(String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--sso-start-url", START_URL, "--sso-region", "us-east-1",
                "--sso-session", "s", "--sso-cache", cache.toString(), "--role", "ReadOnly",
                "--kubeconfig", kubeconfig.toString(), "--aws-config", awsConfig.toString(),
                "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "2s"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void malformedAccountIds() {
        assertRefused(scan("--accounts", "123456789012,12345"), "'12345' is not a 12-digit account id");
    }

    @Test
    void theConfigFileSetsOptionsAndTheCommandLineBeatsIt() throws Exception {
        withConfigFile("# eksfleet settings\naccounts=12345\nregions=mars-north-1\n", () -> {
            assertRefused(scan(), "--accounts: '12345' is not a 12-digit account id");
            assertRefused(scan("--accounts", "123456789012"), "'mars-north-1' is not an AWS region");
        });
    }

    @Test
    void aKeyNoCommandHasIsRefusedByNameWithTheNearestOne() throws Exception {
        withConfigFile("max-inflight=32\n", () -> assertRefused(scan(), "unknown key 'max-inflight' (did you mean max-in-flight?)"));
        withConfigFile("eksfleet.scan.accounts=12345\n", () -> assertRefused(scan(), "--accounts: '12345' is not a 12-digit account id"));
    }

    /** Runs {@code checks} with {@code text} as the user's ~/.eksfleet.properties (the tests' HOME is their own). */
    private static void withConfigFile(String text, Runnable checks) throws Exception {
        Path config = Path.of(System.getenv("HOME"), ".eksfleet.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, text);
        try {
            checks.run();
        } finally {
            Files.delete(config);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--scan-timeout=0s       | --scan-timeout must be longer than 0",
        "--task-timeout=0s       | --task-timeout must be longer than 0",
        "--workers=100000        | --workers must be between 0 and 24",
        "--regions=              | --regions names no region",
        "--regions=us-gov-west-1 | --regions: us-gov-west-1 is in the aws-us-gov partition, the SSO login's region us-east-1 in aws: one scan covers one partition",
        "--regions=cn-north-1    | --regions: cn-north-1 is in the aws-cn partition",
        "--regions=us-iso-east-1 | --regions: 'us-iso-east-1' is in an isolated partition (aws-iso*)",
        "--partition=aws-us-gov  | --partition goes with --assume-role: an SSO login's partition is its SSO region's"})
    void valuesOutOfRangeAreRefused(String option, String expected) {
        assertRefused(scan(option), expected);
    }

    @Test
    void aZeroConnectTimeoutIsRefusedByTheCommandsThatConnect() {
        CliRun status = CliRun.of("status", "some-scan", "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "0s");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).startsWith("eksfleet status: --connect-timeout must be longer than 0");
    }

    @Test
    void aHubScanWithoutCredentialsSaysWhichToSetInOneLine() {
        assertThat(System.getProperty("aws.accessKeyId")).as("this JVM has no hub identity").isNull();
        assertRefused(CliRun.of("scan", "--assume-role", "EksFleetReader", "--kubeconfig", kubeconfig.toString(),
                "--aws-config", awsConfig.toString()), "hub mode found no AWS credentials for its own identity: set AWS_ACCESS_KEY_ID");

        CliRun verbose = CliRun.of("scan", "--assume-role", "EksFleetReader", "--kubeconfig", kubeconfig.toString(),
                "--aws-config", awsConfig.toString(), "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        List<String> lines = verbose.err().lines().toList();
        assertThat(lines.get(0)).startsWith("eksfleet scan: hub mode found no AWS credentials");
        assertThat(verbose.err()).as("the long form follows").contains("Caused by: software.amazon.awssdk.core.exception.SdkClientException")
                .contains("EnvironmentVariableCredentialsProvider");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--partition=aws-iso                            | --partition: 'aws-iso' is not a partition eksfleet scans (aws, aws-us-gov, aws-cn)",
        "--partition=aws-cn,--hub-region=us-east-1      | --hub-region us-east-1 is not in the aws-cn partition (--partition): leave it out for cn-northwest-1",
        "--partition=aws-us-gov,--regions=eu-west-1     | --regions: eu-west-1 is in the aws partition, the hub region us-gov-west-1 in aws-us-gov: one scan covers one partition (--partition)",
        "--hub-region=cn-north-1,--regions=cn-north-1,us-east-1 | --regions: us-east-1 is in the aws partition, the hub region cn-north-1 in aws-cn",
        "--regions=us-gov-west-1,eu-west-1              | --regions: eu-west-1 is in the aws partition, the hub region us-gov-west-1 in aws-us-gov"})
    void aHubScanCoversOnePartition(String options, String expected) {
        List<String> args = new ArrayList<>(List.of("scan", "--assume-role", "EksFleetReader", "--kubeconfig", kubeconfig.toString(),
                "--aws-config", awsConfig.toString()));
        // --regions takes a list: the options are split where one begins.
        args.addAll(List.of(options.split(",(?=--)")));
        assertRefused(CliRun.of(args.toArray(String[]::new)), expected);
    }

    @Test
    void unknownRegions() {
        assertRefused(scan("--regions", "us-east-1,mars-north-1"), "'mars-north-1' is not an AWS region");
    }

    @Test
    void missingSsoLoginNamesTheCommandThatFixesIt() throws Exception {
        Files.delete(cache.resolve(SsoTokenCache.fileName("s")));
        assertRefused(scan(), "no SSO login found for sso-session s: run aws sso login --sso-session s");
    }

    @Test
    void expiredSsoLoginNamesTheCommandThatFixesIt() throws Exception {
        writeToken(Instant.now().minusSeconds(60));
        CliRun run = scan();
        assertRefused(run, "expired at");
        assertThat(run.err()).contains("aws sso login --sso-session s").contains("eksfleet login --sso-start-url " + START_URL);
    }

    @Test
    void kafkaThatDoesNotAnswer() {
        assertRefused(scan(), "Kafka at 127.0.0.1:1 is not reachable (connection refused): check --bootstrap-servers");
    }

    @Test
    void unwritableKubeconfigPath() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        kubeconfig = notADirectory.resolve("config");
        assertRefused(scan(), "cannot create " + kubeconfig + ": " + notADirectory + " is not a directory");
        assertThat(Files.readString(notADirectory)).isEqualTo("x");
    }

    @Test
    void invalidKubeconfigIsRefusedAndKeptIntact() throws Exception {
        Files.createDirectories(kubeconfig.getParent());
        String broken = "apiVersion: v1\nclusters: [oops\n";
        Files.writeString(kubeconfig, broken);
        assertRefused(scan(), "is not a valid kubeconfig (it is not valid YAML): fix or move it");
        assertThat(Files.readString(kubeconfig)).isEqualTo(broken);
    }

    @Test
    void kubeconfigWithWrongShapesIsRefused() throws Exception {
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, "clusters: {a: b}\n");
        assertRefused(scan(), "'clusters' is not a list of mappings");
    }

    @Test
    void noRoleAndNoLoginAreRefused() {
        CliRun noRole = CliRun.of("scan", "--sso-start-url", START_URL, "--sso-region", "us-east-1", "--sso-cache", cache.toString());
        assertRefused(noRole, "--role NAME, --roles A,B or --role-prefix A,B");
        assertRefused(CliRun.of("scan", "--role", "R"), "say how to log in");
        assertRefused(CliRun.of("scan", "--sso-session", "nope", "--role", "R", "--aws-config", awsConfig.toString()),
                "no [sso-session nope] in " + io.eksfleet.aws.UserFiles.awsConfig() + " or " + awsConfig);
        assertRefused(scan("--preset", "fast"), "unknown preset 'fast'");
        assertRefused(scan("--context-template", "{cluster}-{team}"), "unknown placeholder {team}");
    }

    @Test
    void fleetAndHubModeOptionsThatDoNotGoTogether() {
        assertRefused(scan("--detach"), "--detach needs --workers 0");
        assertRefused(scan("--only-accessible", "--no-access-entries"), "--only-accessible goes by the access look-ups that --no-access-entries turns off");
        assertRefused(scan("--external-id", "x"), "--external-id goes with --assume-role");
        assertRefused(CliRun.of("scan", "--assume-role", "R", "--hub-region", "mars-north-1", "--kubeconfig", kubeconfig.toString()),
                "--hub-region: 'mars-north-1' is not an AWS region");
        assertRefused(CliRun.of("scan", "--assume-role", "Not A Role!", "--kubeconfig", kubeconfig.toString()),
                "is not an IAM role name");
        Path accounts = dir.resolve("accounts.txt");
        assertRefused(CliRun.of("scan", "--assume-role", "R", "--accounts-file", accounts.toString()), "--accounts-file: cannot read");
        assertRefused(CliRun.of("kubeconfig", "sync", "--follow", "--dry-run", "--bootstrap-servers", "127.0.0.1:1"),
                "--follow writes the file as it changes");
        assertRefused(CliRun.of("coordinator"), "say where Kafka runs: --bootstrap-servers HOST:PORT");
    }

    @Test
    void aBadAccountsFileLineNamesItsLine() throws Exception {
        Path accounts = dir.resolve("accounts.txt");
        Files.writeString(accounts, "# ours\n111111111111,prod\n22222222222x\n");
        assertRefused(CliRun.of("scan", "--assume-role", "R", "--accounts-file", accounts.toString()),
                "line 3 of " + accounts + ": '22222222222x' is not a 12-digit account id");
    }

    @Test
    void anOutputFormatOtherThanTextJsonOrYamlIsRefusedByEveryCommandThatPrintsOne() {
        assertRefused(scan("--output", "xml"), "expected one of [text, json, yaml]");
        for (String[] command : List.of(new String[] {"status", "some-scan"}, new String[] {"dead-letters"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--bootstrap-servers", "127.0.0.1:1", "--output", "xml"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines()).singleElement().asString().contains("expected one of [text, json, yaml]");
        }
    }

    @Test
    void aYamlFileOfAnotherKindIsRefusedAndKeptIntact() throws Exception {
        Files.createDirectories(kubeconfig.getParent());
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {}\n";
        Files.writeString(kubeconfig, secret);
        assertRefused(scan(), kubeconfig + " is not a valid kubeconfig (its kind is Secret, not Config): fix or move it");
        assertThat(Files.readString(kubeconfig)).isEqualTo(secret);
    }

    @Test
    void aPathThatTakesNoNewFilesIsRefusedBeforeTheScan() {
        kubeconfig = Path.of("/proc/kubeconfig");
        assertRefused(scan(), "cannot write /proc/kubeconfig: /proc does not accept new files; choose another path");
    }

    @Test
    void anOldLockThatNamesNoProcessIsReportedBeforeTheScan() throws Exception {
        Files.createDirectories(kubeconfig.getParent());
        Path lock = Files.createFile(kubeconfig.resolveSibling("config.lock"));
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(600)));
        CliRun run = scan();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString()
                .contains(lock + " has stood since").endsWith("delete it (rm " + lock + ")");
        assertThat(lock).exists();
        assertThat(kubeconfig).doesNotExist();
    }

    /**
     * A dry run writes nothing, so a place it could not write passes the checks (tests run as root, for whom
     * permissions do not refuse, so /proc stands for it); the scan then fails on the absent broker instead.
     */
    @Test
    void aDryRunNeedsOnlyReadAccess() {
        kubeconfig = Path.of("/proc/kubeconfig");
        awsConfig = Path.of("/proc/aws-config");
        CliRun dry = scan("--dry-run");
        assertThat(dry.exitCode()).isEqualTo(1);
        assertThat(dry.err()).doesNotContain("/proc").contains("127.0.0.1:1");
    }

    private void assertRefused(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(expected);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
        assertThat(Files.exists(kubeconfig.resolveSibling("config.lock"))).isFalse();
        assertThat(Files.exists(awsConfig)).isFalse();
    }

    private void writeToken(Instant expiresAt) throws Exception {
        new SsoTokenCache(cache, Clock.systemUTC()).write("s", Map.of("startUrl", START_URL, "region", "us-east-1",
                "accessToken", "token-that-is-never-used", "expiresAt", expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
    }
}
