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
 * A fleet on one machine, every part its own OS process, as containers would run it: the standalone broker
 * ({@code deploy/kafka/broker.sh}, so it runs from a checkout) and eksfleet roles ({@code coordinator},
 * {@code worker}) started with a given environment (the hub identity, the simulator's endpoint). The fleet
 * benchmarks and the multi-process tests both run on it.
 */
public final class LocalFleet implements AutoCloseable {

    /** One running role; its stdout and stderr go to {@code log}. */
    public record Role(String name, Process process, Path log) {
        public String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static final Duration READY = Duration.ofSeconds(90);
    /** Longer than a worker's own bound (30 s) for a graceful stop. */
    private static final long STOP_SECONDS = 40;

    private final Path dir;
    private final Map<String, String> env;
    private final List<String> eksfleet;
    private final int port;
    private final int controllerPort;
    private final List<Role> roles = new ArrayList<>();
    /** The cluster the fleet runs on instead of its own single broker, or null. */
    private final LocalKafkaCluster cluster;

    /**
     * @param eksfleet the command that runs the eksfleet program (java, options, class path, main class)
     */
    public LocalFleet(Path dir, Map<String, String> env, List<String> eksfleet) throws IOException {
        this(dir, env, eksfleet, null);
    }

    /** A fleet on {@code cluster}: {@link #startBroker()} starts it, {@link #close()} stops it. */
    public LocalFleet(Path dir, Map<String, String> env, List<String> eksfleet, LocalKafkaCluster cluster) throws IOException {
        this.cluster = cluster;
        this.dir = dir;
        this.env = Map.copyOf(env);
        this.eksfleet = List.copyOf(eksfleet);
        // Both ports free when asked for, and held together, so neither is the other's ephemeral neighbour.
        try (ServerSocket socket = new ServerSocket(0); ServerSocket controller = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
            this.controllerPort = controller.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : "127.0.0.1:" + port;
    }

    public void startBroker() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.start();
            return;
        }
        broker("start", "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort));
    }

    public void stopBroker() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.close();
            return;
        }
        broker("stop");
    }

    /** Starts {@code eksfleet ARGS --bootstrap-servers ...} and waits until its output shows {@code ready}. */
    public Role start(String name, String ready, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(eksfleet);
        command.addAll(args);
        command.addAll(List.of("--bootstrap-servers", bootstrapServers()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Role role = new Role(name, builder.start(), log);
        roles.add(role);
        long deadline = System.nanoTime() + READY.toNanos();
        while (!role.logText().contains(ready)) {
            if (!role.process().isAlive() || System.nanoTime() > deadline) {
                role.process().destroyForcibly();
                throw new IllegalStateException(name + " did not start: " + role.logText());
            }
            role.process().waitFor(100, TimeUnit.MILLISECONDS);
        }
        return role;
    }

    /** SIGTERM to each role, then waits for all of them (killing what outlives {@value #STOP_SECONDS} s). */
    public void stop(List<Role> stopping) throws InterruptedException {
        stopping.forEach(r -> r.process().destroy());
        for (Role role : stopping) {
            if (!role.process().waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                role.process().destroyForcibly();
            }
        }
        roles.removeAll(stopping);
    }

    /** CPU time the broker and the running roles have used so far, from /proc (Linux). */
    public double cpuSeconds() throws IOException {
        List<Long> pids = new ArrayList<>();
        roles.forEach(r -> pids.add(r.process().pid()));
        brokerPid().ifPresent(pids::add);
        if (cluster != null) {
            pids.addAll(cluster.pids());
        }
        return pids.stream().mapToDouble(ChildProcess::cpuSeconds).sum();
    }

    /** The standalone broker's process id, while it runs. */
    public java.util.Optional<Long> brokerPid() throws IOException {
        Path pid = dir.resolve("kafka/broker.pid");
        return Files.exists(pid) ? java.util.Optional.of(Long.parseLong(Files.readString(pid).trim())) : java.util.Optional.empty();
    }

    private void broker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(checkout().resolve("deploy/kafka/broker.sh").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.resolve("kafka").toString()));
        Path log = dir.resolve("broker-script.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            Path brokerLog = dir.resolve("kafka/broker.log");
            String tail = Files.exists(brokerLog) ? String.join("\n", lastLines(Files.readAllLines(brokerLog), 15)) : "";
            throw new IllegalStateException("deploy/kafka/broker.sh " + String.join(" ", args) + " failed: " + Files.readString(log)
                    + (tail.isEmpty() ? "" : "\nbroker.log ends with:\n" + tail));
        }
    }

    private static List<String> lastLines(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** The eksfleet checkout this runs in: the nearest folder above with deploy/kafka/broker.sh. */
    public static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("deploy/kafka/broker.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("the fleet starts deploy/kafka/broker.sh: run it from an eksfleet checkout");
    }

    /** Stops every role, then the broker. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop(List.copyOf(roles));
        stopBroker();
    }
}
