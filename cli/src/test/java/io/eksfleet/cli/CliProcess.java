package io.eksfleet.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code eksfleet ARGS} as its own process, for what only a process has: its environment variables. It gets this
 * JVM's environment without the AWS variables a developer's shell may hold, plus {@code env}; stdout and stderr
 * are kept apart, as a shell's {@code > file} keeps them.
 */
record CliProcess(int exitCode, String out, String err) {

    static final List<String> AWS_VARIABLES = List.of("AWS_CA_BUNDLE", "AWS_CONFIG_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_ENDPOINT_URL", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "NO_COLOR",
            "EKSFLEET_CONFIG");

    static CliProcess run(Path dir, Map<String, String> env, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.eksfleet.cli.EksFleet"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        AWS_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("eksfleet " + String.join(" ", args) + " did not end within 3 minutes: " + Files.readString(err));
        }
        return new CliProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
