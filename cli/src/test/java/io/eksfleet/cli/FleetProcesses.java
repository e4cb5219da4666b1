package io.eksfleet.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A fleet on one machine, each part its own OS process: the standalone broker ({@code deploy/kafka/broker.sh}),
 * and {@code eksfleet coordinator} and {@code eksfleet worker} JVMs started from this test's class path with
 * the hub identity in their environment, as a container would start them.
 */
final class FleetProcesses implements AutoCloseable {

    /** One running eksfleet role. */
    record Role(String name, Process process, Path log) {
        String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final Path dir;
    private final Map<String, String> env;
    private final int port;
    private final List<Role> roles = new ArrayList<>();

    FleetProcesses(Path dir, Map<String, String> env) throws IOException {
        this.dir = dir;
        this.env = env;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void startBroker() throws Exception {
        broker("start", "--port", String.valueOf(port));
    }

    void stopBroker() throws Exception {
        broker("stop");
    }

    private void broker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("deploy/kafka/broker.sh").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.resolve("kafka").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker-script.log").toFile())).start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("broker.sh " + String.join(" ", args) + " failed: " + Files.readString(dir.resolve("broker-script.log")));
        }
    }

    /** Starts {@code eksfleet ROLE --bootstrap-servers ...} and waits until it says it takes work. */
    Role start(String name, String ready, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(), "io.eksfleet.cli.EksFleet"));
        command.addAll(List.of(args));
        command.addAll(List.of("--bootstrap-servers", bootstrapServers()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Role role = new Role(name, builder.start(), log);
        roles.add(role);
        Awaitility.await(name + " ready").atMost(Duration.ofSeconds(90))
                .until(() -> role.logText().contains(ready) || !role.process().isAlive());
        if (!role.process().isAlive()) {
            throw new IllegalStateException(name + " exited: " + role.logText());
        }
        return role;
    }

    Role worker(String name) throws IOException {
        return start(name, "worker(s) on", "worker", "--management-port", "0");
    }

    Role coordinator(String name) throws IOException {
        return start(name, "taking scan requests", "coordinator");
    }

    @Override
    public void close() throws Exception {
        for (Role role : roles) {
            role.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        stopBroker();
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The checkout this test runs in: where deploy/ is. */
    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy/kafka"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no deploy/kafka above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
