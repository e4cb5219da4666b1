package io.eksfleet.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Every record of a topic, raw, and the contracts they are checked against. */
final class TopicRecords {

    /** A record as it is on the topic; {@code value} null for a tombstone. */
    record Raw(String key, String value) {
    }

    private TopicRecords() {
    }

    static List<Raw> all(String bootstrapServers, String topic) {
        List<Raw> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(new Raw(
                        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))));
            }
        }
        return out;
    }

    /** The public topics: the ones other programs read and write (docs/topics.md). */
    static final List<String> PUBLIC = List.of("eksfleet.account-events", "eksfleet.cluster-events", "eksfleet.scan.requests",
            "eksfleet.scan.results", "eksfleet.clusters");


    /**
     * Checks every record on the topics against its contract (tombstones have no value to check) and returns how
     * many it checked.
     */
    static int assertPublicRecordsValid(String bootstrapServers) {
        int checked = 0;
        // What eksfleet writes on the stage topics is held to their contracts as it is written (Topic.record, under
        // assertions); tests put poison there on purpose.
        for (String topic : PUBLIC) {
            for (Raw record : all(bootstrapServers, topic)) {
                if (record.value() != null) {
                    org.assertj.core.api.Assertions.assertThat(violations(topic, record.value())).as(topic + ": " + record.value()).isEmpty();
                    checked++;
                }
            }
        }
        return checked;
    }

    /** Why {@code json} breaks the contract of {@code topic} (the one its readers check), or nothing. */
    static List<String> violations(String topic, String json) {
        String problem = io.eksfleet.topic.Contracts.problem(io.eksfleet.topic.Topics.byName(topic),
                io.eksfleet.topic.Messages.MAPPER.readTree(json));
        return problem == null ? List.of() : List.of(problem);
    }
}
