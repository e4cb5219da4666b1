package io.eksfleet.cli.runtime;

import io.eksfleet.host.ProcessOwner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (combined broker and controller) inside this JVM, for the demo and for scans
 * started without {@code --bootstrap-servers}: nothing to install, gone when the process ends. It is
 * Kafka's own server ({@code kafka.server.KafkaRaftServer}), configured as {@code deploy/kafka/broker.sh}
 * configures the standalone one, on two free loopback ports. Its data directory is recorded beside it in
 * the temporary directory, so that the next broker removes what a killed process left behind.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String RECORD_PREFIX = "eksfleet-broker-";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dir;
    private final Path record;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, Path dir, Path record) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
        this.record = record;
    }

    /** Whether the broker's classes are on the class path: the container image leaves them out. */
    static boolean available() {
        try {
            Class.forName("kafka.server.KafkaRaftServer", false, EmbeddedBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static EmbeddedBroker start() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftovers(temp);
        try {
            Path dir = Files.createTempDirectory(temp, "kafka-");
            Path record = Files.createTempFile(temp, RECORD_PREFIX, ".record");
            Files.writeString(record, ProcessOwner.current().line() + "\n" + dir + "\n");
            int[] ports = freePorts(2);
            int port = ports[0];
            int controller = ports[1];
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("offsets.topic.replication.factor", "1");
            // One process, one consumer group per stage: one partition for the groups' offsets, and few threads.
            props.put("offsets.topic.num.partitions", "1");
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "2");
            props.put("background.threads", "2");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            // Kafka's default reserves 128 MiB for compacting topics; the inventory of one process needs little.
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            // Kafka's own formatter, called as kafka-storage.sh format calls it (its command-line front end costs
            // more to load than the formatting); it reports on a stream of its own, as stdout is the command's output.
            String data = dir.resolve("data").toString();
            ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
            try {
                new Formatter().setPrintStream(new PrintStream(formatLog, true, StandardCharsets.UTF_8))
                        .setClusterId(Uuid.randomUuid().toString()).setNodeId(1).setControllerListenerName("CONTROLLER")
                        .setMetadataLogDirectory(data).setDirectories(List.of(data)).run();
            } catch (Exception e) {
                throw new IllegalStateException("could not format the embedded broker's storage: " + e.getMessage() + " "
                        + formatLog.toString(StandardCharsets.UTF_8).trim());
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedBroker(server, "127.0.0.1:" + port, dir, record);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** Starts a broker on a thread of its own, so the caller can do its other preparations meanwhile. */
    public static Starting startInBackground() {
        if (!available()) {
            throw new IllegalStateException("this eksfleet has no embedded Kafka broker (the container image leaves it out): "
                    + "give --bootstrap-servers");
        }
        return new Starting(CompletableFuture.supplyAsync(EmbeddedBroker::start, task -> {
            Thread starter = new Thread(task, "eksfleet-broker-start");
            starter.setDaemon(true);
            starter.start();
        }));
    }

    /** A broker being started; closing it closes the broker, whether or not anyone took it. */
    public static final class Starting implements AutoCloseable {

        private final CompletableFuture<EmbeddedBroker> broker;

        private Starting(CompletableFuture<EmbeddedBroker> broker) {
            this.broker = broker;
        }

        /** Waits for the broker; its start's failure is thrown as it was. */
        public EmbeddedBroker get() throws InterruptedException {
            try {
                return broker.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        /**
         * Closes the broker once it is up. A process that ends with its command (a scan refused on bad input)
         * does not wait for a broker it never used: the next embedded broker removes its data.
         */
        @Override
        public void close() {
            if (ProcessExit.endsWithCommand()) {
                return;
            }
            try {
                broker.join().close();
            } catch (CompletionException e) {
                // it never started: nothing to close
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try {
            deleteTree(dir);
            Files.deleteIfExists(record);
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }

    /** Ports free at this moment and distinct: each socket is held until every port is chosen. */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    /** Data directories recorded by embedded brokers whose process is gone (SIGKILL skips their clean-up). */
    static void removeLeftovers(Path temp) {
        try (DirectoryStream<Path> records = Files.newDirectoryStream(temp, RECORD_PREFIX + "*.record")) {
            for (Path record : records) {
                if (ProcessOwner.read(record).map(ProcessOwner::alive).orElse(true)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(record);
                if (lines.size() > 1 && Path.of(lines.get(1)).startsWith(temp)) {
                    deleteTree(Path.of(lines.get(1)));
                }
                Files.deleteIfExists(record);
            }
        } catch (IOException e) {
            log.debug("could not clean up earlier embedded brokers in {}", temp, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
