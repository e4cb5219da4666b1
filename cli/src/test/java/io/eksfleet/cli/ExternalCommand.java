package io.eksfleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real tool (kubectl, the AWS CLI) run as its own process with only the environment a test gives it,
 * so nothing of the developer's own AWS or Kubernetes setup leaks in.
 */
record ExternalCommand(int exitCode, String out, String err) {

    /** Runs {@code command} with PATH, and {@code env} added to it; a run longer than two minutes fails the test. */
    static ExternalCommand run(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(env);
        try {
            Path out = Files.createTempFile("cmd", ".out");
            Path err = Files.createTempFile("cmd", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            ExternalCommand result = new ExternalCommand(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
