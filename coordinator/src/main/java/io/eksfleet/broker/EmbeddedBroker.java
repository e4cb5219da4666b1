package io.eksfleet.broker;

import io.eksfleet.host.ProcessOwner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft broker inside this JVM, for the demo and for scans started without
 * {@code --bootstrap-servers}: nothing to install, gone when the process ends. Its data directory is
 * recorded beside it in the temporary directory, so that the next broker removes what a killed process
 * left behind.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String RECORD_PREFIX = "eksfleet-broker-";

    private final EmbeddedKafkaKraftBroker broker;
    private final Path record;

    private EmbeddedBroker(EmbeddedKafkaKraftBroker broker, Path record) {
        this.broker = broker;
        this.record = record;
    }

    public static EmbeddedBroker start() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftovers(temp);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // Kafka's storage formatter prints to stdout, which belongs to the command's output (--output json).
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            broker.afterPropertiesSet();
        } finally {
            System.setOut(stdout);
        }
        Path record = null;
        try {
            record = Files.createTempFile(temp, RECORD_PREFIX, ".record");
            Files.writeString(record, ProcessOwner.current().line() + "\n" + broker.getCluster().nodes().baseDirectory() + "\n");
        } catch (IOException e) {
            log.warn("could not record the embedded broker's directory: {}", e.getMessage());
        }
        return new EmbeddedBroker(broker, record);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
        if (record != null) {
            try {
                Files.deleteIfExists(record);
            } catch (IOException e) {
                log.debug("could not delete {}", record, e);
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
