package io.eksfleet.cli.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.TopicLayout;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The settings eksfleet gives its topics, read back from a real broker; an existing topic's own settings are reported, not changed. */
class TopicSettingsTest {

    @Test
    void createdTopicsCarryTheirRetentionAndTheInventoryItsCompactionSettings() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                admin.createTopics(List.of(new NewTopic(Topics.RESULTS.name(), 1, (short) 1)
                        .configs(Map.of("retention.ms", "3600000")))).all().get();

                List<String> differing = TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30), 2);

                assertThat(differing).singleElement().satisfies(line -> assertThat(line)
                        .startsWith("topic eksfleet.scan.results has retention.ms=3600000 where eksfleet sets 604800000")
                        .contains("--entity-name eksfleet.scan.results --add-config retention.ms=604800000"));
                Map<ConfigResource, Config> configs = admin.describeConfigs(Topics.all().stream()
                        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
                assertThat(value(configs, Topics.ACCOUNTS, "retention.ms")).isEqualTo("86400000");
                assertThat(value(configs, Topics.retryOf(Topics.CLUSTERS), "retention.ms")).isEqualTo("86400000");
                assertThat(value(configs, Topics.deadLetterOf(Topics.REGIONS), "retention.ms")).isEqualTo("1209600000");
                assertThat(value(configs, Topics.REQUESTS, "retention.ms")).isEqualTo("604800000");
                assertThat(value(configs, Topics.ACCOUNT_EVENTS, "retention.ms")).isEqualTo("604800000");
                assertThat(value(configs, Topics.INVENTORY, "cleanup.policy")).isEqualTo("compact");
                assertThat(value(configs, Topics.INVENTORY, "delete.retention.ms")).isEqualTo("604800000");
                assertThat(value(configs, Topics.INVENTORY, "min.compaction.lag.ms")).isEqualTo("3600000");
                assertThat(value(configs, Topics.RESULTS, "retention.ms")).as("an existing topic keeps its owner's setting").isEqualTo("3600000");
                for (Topic<?> topic : Topics.all()) {
                    topic.configs().forEach((key, wanted) -> {
                        if (topic != Topics.RESULTS) {
                            assertThat(value(configs, topic, key)).as(topic.name() + " " + key).isEqualTo(wanted);
                        }
                    });
                }
                assertThat(TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30), 2)).as("said again, changed nothing").hasSize(1);
            }
        }
    }

    /**
     * The stage topics, with their retry and dead-letter topics, take the chosen partition count; an existing one with
     * fewer partitions than the setting, or than its stage topic, is reported with the command that raises it.
     */
    @Test
    void stageTopicsTakeTheChosenPartitionsAndTopicsWithFewerAreReported() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            KafkaClients kafka = KafkaClients.at(broker.bootstrapServers());
            assertThat(TopicAdmin.ensureTopics(kafka, Duration.ofSeconds(30), TopicLayout.stages(8))).isEmpty();
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                Map<String, Integer> counts = admin.describeTopics(Topics.all().stream().map(Topic::name).toList()).allTopicNames().get()
                        .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
                assertThat(counts).isEqualTo(TopicLayout.stages(8).topics().stream()
                        .collect(java.util.stream.Collectors.toMap(Topic::name, Topic::partitions)));
                assertThat(counts.get(Topics.retryOf(Topics.CLUSTERS).name())).isEqualTo(8);

                // The clusters stage raised alone: its retry and dead-letter topics are behind.
                admin.createPartitions(Map.of(Topics.CLUSTERS.name(), NewPartitions.increaseTo(10))).all().get();
            }
            // The broker's metadata shows added partitions a moment after it accepted them.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(TopicAdmin.ensureTopics(kafka, Duration.ofSeconds(30), TopicLayout.stages(8))).containsExactly(
                    "topic eksfleet.scan.clusters-retry has 8 partitions where eksfleet wants 10 (stage-partitions, and as many as its"
                            + " stage topic): raise them as docs/operations.md says, kafka-topics.sh --bootstrap-server "
                            + broker.bootstrapServers() + " --alter --topic eksfleet.scan.clusters-retry --partitions 10",
                    "topic eksfleet.scan.clusters-dlt has 8 partitions where eksfleet wants 10 (stage-partitions, and as many as its"
                            + " stage topic): raise them as docs/operations.md says, kafka-topics.sh --bootstrap-server "
                            + broker.bootstrapServers() + " --alter --topic eksfleet.scan.clusters-dlt --partitions 10"));
            assertThat(TopicAdmin.ensureTopics(kafka, Duration.ofSeconds(30), TopicLayout.stages(12))).as("a raised setting")
                    .hasSize(9).allSatisfy(line -> assertThat(line).contains("where eksfleet wants 12"));
        }
    }

    private static String value(Map<ConfigResource, Config> configs, Topic<?> topic, String key) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).get(key).value();
    }
}
