package io.eksfleet.worker;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.TaskHeaders;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What a stage publishes: next-stage tasks, then the event that closes its own task; or the task again, to
 * its retry or dead-letter topic.
 *
 * <p>Send results are handed to {@code continuations}: a send completes on the producer's network thread,
 * and a stage that sent its next message from there would block that very thread whenever the producer
 * has to wait (for topic metadata, for buffer space): a deadlock until {@code max.block.ms}.
 */
final class Outputs {

    private final KafkaTemplate<String, Object> kafka;
    private final Executor continuations;

    Outputs(KafkaTemplate<String, Object> kafka, Executor continuations) {
        this.kafka = kafka;
        this.continuations = continuations;
    }

    <V> CompletableFuture<Void> tasks(Topic<V> topic, List<V> tasks, java.util.function.Function<V, String> key) {
        return CompletableFuture.allOf(tasks.stream()
                .map(t -> kafka.send(topic.name(), key.apply(t), t))
                .toArray(CompletableFuture[]::new)).thenApplyAsync(sent -> null, continuations);
    }

    CompletableFuture<Void> event(ScanEvent event) {
        return kafka.send(Topics.RESULTS.name(), event.scanId(), event).thenApplyAsync(sent -> null, continuations);
    }

    /** The record as it came, to {@code topic}, with these headers set. */
    CompletableFuture<Void> forward(String topic, String key, byte[] value, org.apache.kafka.common.header.Headers original,
                                    Map<String, Object> headers) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        original.forEach(h -> record.headers().add(h));
        headers.forEach((name, v) -> TaskHeaders.put(record.headers(), name, v));
        return kafka.send(record).thenApplyAsync(sent -> null, continuations);
    }
}
