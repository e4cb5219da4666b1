package io.eksfleet.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fleet for the fleet scenarios, every part its own process: the standalone broker
 * ({@code deploy/kafka/broker.sh}, so the scenarios run from a checkout), one coordinator for the whole
 * scenario, and for each run N fresh worker processes; all with the hub identity in their environment.
 */
final class BenchFleet implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(90);
    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final int CLOCK_TICKS = 100;

    private final Path dir;
    private final Map<String, String> env;
    private final Path brokerScript;
    private final int port;
    private final List<Process> workers = new ArrayList<>();
    private Process coordinator;

    /**
     * @param coordinatorOptions more options for the coordinator (its account-event settings)
     */
    BenchFleet(Path dir, Map<String, String> env, List<String> coordinatorOptions) throws Exception {
        this.dir = dir;
        this.env = env;
        this.brokerScript = checkout().resolve("deploy/kafka/broker.sh");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        broker("start", "--port", String.valueOf(port));
        List<String> coordinatorArgs = new ArrayList<>(List.of("coordinator", "--bootstrap-servers", bootstrapServers()));
        coordinatorArgs.addAll(coordinatorOptions);
        coordinator = role("coordinator", "taking scan requests", coordinatorArgs);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Replaces the running workers with {@code count} new ones, each in its own process, all in their groups. */
    void workers(int count) throws Exception {
        stopWorkers();
        for (int i = 0; i < count; i++) {
            workers.add(role("worker-" + workers.size(), "worker(s) on", List.of("worker", "--bootstrap-servers", bootstrapServers())));
        }
    }

    /** CPU time the broker, the coordinator and the workers have used so far, from /proc (Linux). */
    double cpuSeconds() throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(coordinator.pid());
        workers.forEach(w -> pids.add(w.pid()));
        Path brokerPid = dir.resolve("kafka/broker.pid");
        if (Files.exists(brokerPid)) {
            pids.add(Long.parseLong(Files.readString(brokerPid).trim()));
        }
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (Files.exists(stat)) {
                // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th of them.
                String[] fields = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return ticks / (double) CLOCK_TICKS;
    }

    private Process role(String name, String ready, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(ChildProcess.eksfleet());
        command.addAll(args);
        Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!Files.readString(log).contains(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start, see " + log);
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return process;
    }

    private void stopWorkers() throws InterruptedException {
        workers.forEach(Process::destroy);
        for (Process worker : workers) {
            if (!worker.waitFor(40, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
        workers.clear();
    }

    private void broker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(brokerScript.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.resolve("kafka").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("deploy/kafka/broker.sh " + args[0] + " failed, see " + dir.resolve("broker.log"));
        }
    }

    /** The fleet scenarios start the broker from its script, so they run from a checkout. */
    private static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("deploy/kafka/broker.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("the fleet scenarios start deploy/kafka/broker.sh: run them from an eksfleet checkout");
    }

    @Override
    public void close() throws Exception {
        stopWorkers();
        if (coordinator != null) {
            coordinator.destroy();
            coordinator.waitFor(30, TimeUnit.SECONDS);
        }
        broker("stop");
    }
}
