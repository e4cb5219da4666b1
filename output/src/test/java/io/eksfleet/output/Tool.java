package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real tool (kubectl, the AWS CLI) run as its own process with only the environment a test gives it.
 * A test that needs a missing tool is skipped with the reason, except under {@code CI=true}, where it fails.
 */
final class Tool {

    private Tool() {
    }

    static void require(String tool) {
        String path = System.getenv("PATH");
        boolean installed = path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(tool + " is not installed, and CI=true runs every test");
        }
        assumeTrue(installed, tool + " is not installed");
    }

    /** Runs the command with PATH and {@code env} only, asserts it succeeded, and returns its stdout. */
    static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within a minute");
            }
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err, StandardCharsets.UTF_8)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
