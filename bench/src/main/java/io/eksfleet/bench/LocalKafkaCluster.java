package io.eksfleet.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A Kafka cluster of KRaft nodes on this machine, each its own process ({@code deploy/kafka/cluster.sh}), on free
 * loopback ports: what the fault tests kill, stop and restart node by node, and what a fleet can run on
 * ({@link LocalFleet#LocalFleet(Path, Map, List, LocalKafkaCluster)}). Nodes are numbered from 1; node N is also
 * the Kafka node id (broker and controller).
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final Path dir;
    private final int nodes;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> controllerPorts = new ArrayList<>();

    public LocalKafkaCluster(Path dir, int nodes) throws IOException {
        this.dir = dir;
        this.nodes = nodes;
        // All ports free when asked for, and held together, so none is another's ephemeral neighbour.
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * nodes; i++) {
                held.add(new ServerSocket(0));
            }
            held.subList(0, nodes).forEach(s -> ports.add(s.getLocalPort()));
            held.subList(nodes, 2 * nodes).forEach(s -> controllerPorts.add(s.getLocalPort()));
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    public String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public List<Integer> nodes() {
        return IntStream.rangeClosed(1, nodes).boxed().toList();
    }

    /** Starts every node (formatting them on the first start) and returns once each answers on its port. */
    public void start() throws IOException, InterruptedException {
        script("start", "--nodes", String.valueOf(nodes), "--ports", join(ports), "--controller-ports", join(controllerPorts));
    }

    /** SIGKILL to node {@code node}: a crash, nothing flushed. */
    public void kill(int node) throws IOException, InterruptedException {
        script("kill-node", String.valueOf(node));
    }

    /** A clean stop of node {@code node} (SIGTERM, its partitions' leadership moved first), as a rolling restart does. */
    public void stop(int node) throws IOException, InterruptedException {
        script("stop-node", String.valueOf(node));
    }

    /** Starts node {@code node} again, with its data. */
    public void start(int node) throws IOException, InterruptedException {
        script("start-node", String.valueOf(node));
    }

    /** The process id of each running node. */
    public List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (int node : nodes()) {
            Path pid = dir.resolve("node-" + node + "/broker.pid");
            if (Files.exists(pid)) {
                pids.add(Long.parseLong(Files.readString(pid).trim()));
            }
        }
        return pids;
    }

    /** The node that leads the controller quorum now. */
    public int activeController() throws InterruptedException {
        return ask(admin -> admin.describeMetadataQuorum().quorumInfo().get(ANSWER.toSeconds(), TimeUnit.SECONDS).leaderId());
    }

    /** The node leading the most partitions of {@code topics} (the lowest id among equals). */
    public int leaderOfMostPartitions(Collection<String> topics) throws InterruptedException {
        Map<String, TopicDescription> described = ask(admin -> admin.describeTopics(topics).allTopicNames()
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS));
        Map<Integer, Long> led = described.values().stream().flatMap(t -> t.partitions().stream())
                .map(TopicPartitionInfo::leader).filter(l -> l != null && !l.isEmpty())
                .collect(Collectors.groupingBy(l -> l.id(), Collectors.counting()));
        Comparator<Map.Entry<Integer, Long>> byCount = Map.Entry.comparingByValue();
        return led.entrySet().stream().max(byCount.thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow().getKey();
    }

    /** Every partition of {@code topics} with as many in-sync replicas as it has replicas. */
    public boolean fullyReplicated(Collection<String> topics) throws InterruptedException {
        return ask(admin -> admin.describeTopics(topics).allTopicNames().get(ANSWER.toSeconds(), TimeUnit.SECONDS).values().stream()
                .flatMap(t -> t.partitions().stream()).allMatch(p -> p.isr().size() == p.replicas().size()));
    }

    /** What {@code question} answers on an admin client of this cluster. */
    public <T> T ask(AdminQuestion<T> question) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER.toMillis()))) {
            return question.ask(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster at " + bootstrapServers() + " did not answer: " + e, e);
        }
    }

    /** A question to the cluster's admin client. */
    @FunctionalInterface
    public interface AdminQuestion<T> {
        T ask(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;
    }

    private void script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LocalFleet.checkout().resolve("deploy/kafka/cluster.sh").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--dir", dir.toString()));
        Files.createDirectories(dir);
        Path log = dir.resolve("cluster-script.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("deploy/kafka/cluster.sh " + String.join(" ", args) + " failed: " + Files.readString(log));
        }
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Stops every node. */
    @Override
    public void close() throws IOException, InterruptedException {
        script("stop");
    }
}
