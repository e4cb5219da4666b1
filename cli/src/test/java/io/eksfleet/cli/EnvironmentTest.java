package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables eksfleet reads (AWS_PROFILE, AWS_DEFAULT_PROFILE, EKSFLEET_CONFIG); run as processes, because they are the environment's. */
class EnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentsProfileIsTheDefaultAndAnOptionBeatsIt() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = eu-west-1\n");
        assertThat(scan(Map.of("AWS_PROFILE", "from-env"), config)).contains("no profile 'from-env' in " + dir.resolve(".aws/config") + " or " + config);
        assertThat(scan(Map.of("AWS_PROFILE", "from-env", "AWS_DEFAULT_PROFILE", "default-env"), config))
                .as("the AWS CLI reads AWS_DEFAULT_PROFILE first").contains("no profile 'default-env'");
        assertThat(scan(Map.of("AWS_PROFILE", "from-env"), config, "--profile", "given")).contains("no profile 'given'");
        assertThat(scan(Map.of(), config)).contains("say how to log in");
        assertThat(scan(Map.of("AWS_PROFILE", "from-env"), config, "--sso-session", "s")).contains("no [sso-session s]");
    }

    @Test
    void aConfigFileThatIsNotThereEndsEveryCommandInOneLine() throws Exception {
        Path missing = dir.resolve("missing.properties");
        assertThat(scan(Map.of("EKSFLEET_CONFIG", missing.toString()), dir.resolve("config")))
                .isEqualTo("eksfleet: EKSFLEET_CONFIG names " + missing + ", which is not a readable file: fix the path or unset EKSFLEET_CONFIG\n");
    }

    /** Stderr of {@code eksfleet scan --dry-run ARGS}, which must end with exit code 1. */
    private String scan(Map<String, String> env, Path config, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.eksfleet.cli.EksFleet",
                "scan", "--dry-run", "--role", "R", "--aws-config", config.toString(), "--kubeconfig", dir.resolve("kubeconfig").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_DEFAULT_PROFILE");
        builder.environment().remove("EKSFLEET_CONFIG");
        builder.environment().remove("AWS_CONFIG_FILE");
        // The AWS CLI's own config, where the login is read first, is the test's.
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(dir.resolve("out"));
        assertThat(process.exitValue()).as(out).isEqualTo(1);
        return out;
    }
}
