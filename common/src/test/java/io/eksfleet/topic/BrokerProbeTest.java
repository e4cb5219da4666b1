package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bootstrap addresses are tried over TCP first, so a broker that is not there is reported at once. */
class BrokerProbeTest {

    @Test
    void anAddressThatAcceptsConnectionsPasses() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            assertThat(BrokerProbe.unreachable("127.0.0.1:1,127.0.0.1:" + listening.getLocalPort(), Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void everyAddressFailingSaysWhyForEach() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(BrokerProbe.unreachable("127.0.0.1:" + closed, Duration.ofSeconds(2))).contains("connection refused");
        assertThat(BrokerProbe.unreachable("SASL_SSL://127.0.0.1:" + closed + ",broker", Duration.ofSeconds(2)))
                .contains("127.0.0.1:" + closed + " connection refused; 'broker' is not HOST:PORT");
    }

    @Test
    void aCommandFailsAtOnceAndAServiceWaitsItsTimeoutFirst() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        KafkaClients kafka = KafkaClients.at("127.0.0.1:" + closed);
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(kafka, Duration.ofSeconds(30)))
                .hasMessage("Kafka at 127.0.0.1:" + closed + " is not reachable (connection refused): check --bootstrap-servers and that the brokers run");
        long started = System.nanoTime();
        assertThatThrownBy(() -> TopicAdmin.awaitTopics(kafka, Duration.ofSeconds(1)))
                .hasMessageStartingWith("Kafka at 127.0.0.1:" + closed + " was not reachable within 1 s (connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it kept trying").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
}
