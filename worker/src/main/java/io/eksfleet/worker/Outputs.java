package io.eksfleet.worker;

import org.apache.kafka.clients.producer.Producer;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.TaskHeaders;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What a stage publishes: next-stage tasks, then the event that closes its own task; or the task again, to
 * its retry or dead-letter topic.
 *
 * <p>Send results are handed to {@code continuations}: a send completes on the producer's network thread,
 * and a stage that sent its next message from there would block that very thread whenever the producer
 * has to wait (for topic metadata, for buffer space): a deadlock until {@code max.block.ms}.
 */
final class Outputs {

    /** Hands one record to Kafka; completes when the broker has it. */
    interface Send {
        CompletableFuture<Void> send(ProducerRecord<String, byte[]> record);
    }

    private final Send kafka;
    private final Executor continuations;

    Outputs(Producer<String, byte[]> producer, Executor continuations) {
        this(record -> send(producer, record), continuations);
    }

    Outputs(Send kafka, Executor continuations) {
        this.kafka = kafka;
        this.continuations = continuations;
    }

    <V> CompletableFuture<Void> tasks(Topic<V> topic, List<V> tasks) {
        return CompletableFuture.allOf(tasks.stream()
                .map(t -> kafka.send(topic.record(t)))
                .toArray(CompletableFuture[]::new)).thenApplyAsync(sent -> null, continuations);
    }

    CompletableFuture<Void> event(ScanEvent event) {
        return kafka.send(Topics.RESULTS.record(event)).thenApplyAsync(sent -> null, continuations);
    }

    /** The record as it came, to {@code topic}, with these headers set. */
    CompletableFuture<Void> forward(String topic, String key, byte[] value, org.apache.kafka.common.header.Headers original,
                                    Map<String, Object> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        original.forEach(h -> record.headers().add(h));
        headers.forEach((name, v) -> TaskHeaders.put(record.headers(), name, v));
        return kafka.send(record).thenApplyAsync(sent -> null, continuations);
    }

    private static CompletableFuture<Void> send(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(error);
            }
        });
        return sent;
    }
}
