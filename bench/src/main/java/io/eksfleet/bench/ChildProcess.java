package io.eksfleet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A contender run as its own {@code eksfleet} process, so its wall time includes what a user waits for
 * and its memory is its own: the peak resident set size (VmHWM) is read from /proc while it runs.
 */
final class ChildProcess {

    /** How it ended: exit code (-1 when killed at the limit), stdout, wall time, peak RSS in MiB (0 if unknown). */
    record Outcome(int exitCode, String stdout, Duration wall, long peakRssMib, boolean timedOut) {
    }

    private ChildProcess() {
    }

    /** The command that starts this same program: the jar, or the class path it runs from. */
    static List<String> eksfleet() {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Dsun.net.httpserver.nodelay=true"));
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "io.eksfleet.cli.EksFleet"));
        }
        return command;
    }

    static Outcome run(List<String> args, Map<String, String> env, Duration limit, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(eksfleet());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout").toFile()).redirectError(workDir.resolve("stderr").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKib = 0;
        boolean finished = false;
        long deadline = start + limit.toNanos();
        while (!finished && System.nanoTime() < deadline) {
            peakKib = Math.max(peakKib, highWaterMark(status));
            finished = process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return new Outcome(-1, "", wall, peakKib / 1024, true);
        }
        return new Outcome(process.exitValue(), Files.readString(workDir.resolve("stdout"), StandardCharsets.UTF_8), wall,
                peakKib / 1024, false);
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has just ended, or this is not Linux
        }
        return 0;
    }
}
