package io.eksfleet.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Every record of a topic, raw, and the public topics' JSON Schemas from {@code docs/schemas}. */
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

    /** The public topics with a schema in {@code docs/schemas}. */
    static final List<String> PUBLIC = List.of("eksfleet.account-events", "eksfleet.cluster-events", "eksfleet.scan.requests",
            "eksfleet.scan.results", "eksfleet.clusters");

    /**
     * Checks every record on the public topics against its schema (tombstones have no value to check) and
     * returns how many it checked.
     */
    static int assertPublicRecordsValid(String bootstrapServers) {
        int checked = 0;
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

    /** The schema violations of {@code json} against {@code docs/schemas/<topic>.schema.json}. */
    static List<String> violations(String topic, String json) {
        return schema(topic).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static final Map<String, Schema> SCHEMAS = new HashMap<>();
    private static final String SCHEMA_IDS = "https://eksfleet.io/schemas/";

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static synchronized Schema schema(String topic) {
        return SCHEMAS.computeIfAbsent(topic, t -> {
            Path dir = io.eksfleet.bench.LocalFleet.checkout().resolve("docs/schemas");
            // The schemas name each other by their $id; they are read from the checkout, never fetched.
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                    .schemas(id -> id.startsWith(SCHEMA_IDS) ? read(dir.resolve(id.substring(SCHEMA_IDS.length()))) : null));
            return registry.getSchema(read(dir.resolve(t + ".schema.json")));
        });
    }
}
