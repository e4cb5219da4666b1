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

    /**
     * How it ended: exit code (-1 when killed at the limit), stdout, wall time, peak RSS in MiB (0 if unknown), CPU
     * seconds (user + system, as last sampled before it ended).
     */
    record Outcome(int exitCode, String stdout, Duration wall, long peakRssMib, double cpuSeconds, boolean timedOut) {
    }

    /** How often the child's /proc entry is sampled; its last slice of CPU time is what the samples miss. */
    private static final long SAMPLE_MS = 20;

    private ChildProcess() {
    }

    /**
     * The command that starts this same program: the {@code eksfleet} launcher this process was started by (so
     * children get the JVM settings and the class-data archive a user's commands get), else the class path and
     * main class (or jar) this JVM runs. The bench plugs into the eksfleet command (DeveloperCommand) and
     * depends on none of its classes: its children run whatever program runs it.
     */
    static List<String> eksfleet() {
        String launcher = System.getProperty("eksfleet.launcher");
        if (launcher != null && Files.isExecutable(Path.of(launcher))) {
            return List.of(launcher);
        }
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Dsun.net.httpserver.nodelay=true"));
        // The java launcher's record of its main class, or of the jar run with -jar, followed by the arguments.
        String main = System.getProperty("sun.java.command", "").split(" ", 2)[0];
        if (main.endsWith(".jar")) {
            command.addAll(List.of("-jar", main));
        } else {
            command.addAll(List.of("-cp", classPath, main));
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
        long peakKib = 0;
        double cpu = 0;
        boolean finished = false;
        long deadline = start + limit.toNanos();
        while (!finished && System.nanoTime() < deadline) {
            peakKib = Math.max(peakKib, highWaterMark(process.pid()));
            cpu = Math.max(cpu, cpuSeconds(process.pid()));
            finished = process.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return new Outcome(-1, "", wall, peakKib / 1024, cpu, true);
        }
        return new Outcome(process.exitValue(), Files.readString(workDir.resolve("stdout"), StandardCharsets.UTF_8), wall,
                peakKib / 1024, cpu, false);
    }

    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final int CLOCK_TICKS = 100;

    /** CPU time (user + system) a process has used so far, from /proc; 0 once it is gone or off Linux. */
    static double cpuSeconds(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process's peak resident set size so far (VmHWM) in KiB, from /proc; 0 once it is gone or off Linux. */
    static long highWaterMark(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
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
