package io.eksfleet.cli;

import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The whole end-to-end suite again, on a Kafka broker in a container instead of the embedded one: for
 * anyone with Docker ({@code ./mvnw -pl cli -am verify -Ptestcontainers}); skipped where no Docker engine
 * runs, so it never carries coverage alone.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerEndToEndTest extends ScanEndToEndTest {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    @Override
    ScanFixture.Broker broker() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        return new ScanFixture.Broker() {
            @Override
            public String bootstrapServers() {
                return kafka.getBootstrapServers();
            }

            @Override
            public void close() {
                kafka.stop();
            }
        };
    }
}
