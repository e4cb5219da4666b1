package io.eksfleet.cli.deadletters;

import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.cli.runtime.CommandFailed;

import io.eksfleet.scan.StageTask;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reads the stages' dead-letter topics, and puts dead letters back on their stage topics. */
final class DeadLetters {

    private final KafkaClients kafka;

    DeadLetters(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** Every dead letter now on the topics, of one scan or (null) of all, oldest first per topic. */
    List<DeadLetter> read(String scanId) {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, Decoded> consumer = kafka.consumer(KafkaClients.ConsumerRole.reader())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> stage : Topics.STAGES) {
                String name = Topics.deadLetterOf(stage).name();
                consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CommandFailed("reading the dead-letter topics took over 60 s: is Kafka overloaded?");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    DeadLetter letter = DeadLetter.of(r);
                    if (scanId == null || scanId.equals(letter.scanId())) {
                        out.add(letter);
                    }
                });
            }
        }
        return out;
    }

    /**
     * Publishes each dead letter's task to its stage topic again, as a first attempt, for {@code workers} to run (the
     * fleet's when null, else this process's own). Returns the tasks that could be read; records that never were tasks
     * (poison) stay where they are.
     */
    List<StageTask> replay(List<DeadLetter> letters, String workers) throws InterruptedException {
        List<StageTask> replayed = new ArrayList<>();
        // Back where the account's other tasks are, on the worker that holds its credentials.
        try (KafkaProducer<String, byte[]> producer = kafka.producer(KafkaClients.Partitioning.BY_ACCOUNT)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (DeadLetter letter : letters) {
                StageTask task = task(letter);
                if (task != null) {
                    replayed.add(task);
                    sent.add(producer.send(new ProducerRecord<>(letter.sourceTopic(), letter.key(), runBy(letter.value(), workers))));
                }
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new CommandFailed("could not put the dead letters back: " + e.getCause().getMessage());
        }
        return replayed;
    }

    /** The task's bytes as they were, but for who runs it: whoever ran the scan may be gone. */
    private static byte[] runBy(byte[] task, String workers) {
        tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) io.eksfleet.topic.Messages.MAPPER.readTree(task);
        if (workers == null) {
            json.remove("workers");
        } else {
            json.put("workers", workers);
        }
        return io.eksfleet.topic.Messages.MAPPER.writeValueAsBytes(json);
    }

    /** The dead letter's task, or null for a record that was never a readable task. */
    static StageTask task(DeadLetter letter) {
        boolean fromStage = Topics.STAGES.stream().anyMatch(t -> t.name().equals(letter.sourceTopic()));
        return fromStage && letter.decoded().value() instanceof StageTask task ? task : null;
    }

    static Map<String, Object> describe(DeadLetter letter) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", letter.topic());
        row.put("partition", letter.partition());
        row.put("offset", letter.offset());
        row.put("key", letter.key());
        row.put("scanId", letter.scanId());
        row.put("errorCode", letter.errorCode());
        row.put("message", letter.message());
        row.put("attempts", letter.attempts());
        row.put("failedAt", letter.failedAt());
        row.values().removeIf(Objects::isNull);
        return row;
    }
}
