package io.eksfleet.broker;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft broker inside this JVM, for the demo and for scans started without
 * {@code --bootstrap-servers}: nothing to install, gone when the process ends.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedBroker start() {
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
        return new EmbeddedBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
