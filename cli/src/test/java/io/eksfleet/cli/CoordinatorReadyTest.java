package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A coordinator that says it is ready takes requests: it is a member of its group with partitions, not still joining. */
class CoordinatorReadyTest {

    static final String GROUP = "eksfleet-coordinator";

    @Test
    void aCoordinatorIsReadyOnlyOnceItHoldsItsShareOfTheRequests() throws Exception {
        try (ScanFixture fixture = new ScanFixture(OrgGenerator.generate(2, 1, 1, 7), RateLimits.UNLIMITED)) {
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers());
            TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30));
            // A member that stops polling: the group waits for it (its poll interval, 4 s) before a newcomer gets partitions.
            try (KafkaConsumer<String, String> stalled = stalledMember(kafka);
                 Admin admin = Admin.create(kafka)) {
                CoordinatorCommand command = new CoordinatorCommand();
                try (RunningRole coordinator = new RunningRole(command, command::stop, "taking scan requests",
                        "--bootstrap-servers", fixture.bootstrapServers(), "--management-port", "0")) {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                    assertThat(group.members()).filteredOn(m -> !m.clientId().equals("stalled"))
                            .anySatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
                }
            }
        }
    }

    private static KafkaConsumer<String, String> stalledMember(Map<String, Object> kafka) {
        Map<String, Object> props = new java.util.HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stalled");
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 4000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.REQUESTS.name()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        return consumer;
    }
}
