package io.eksfleet.coordinator;

import io.eksfleet.topic.KafkaClients;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.util.List;
import io.eksfleet.scan.ScanRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What the coordinator puts on Kafka: requests, a scan's lifecycle events, its account tasks. Every send waits
 * for all in-sync replicas, because the next step (committing a request, telling the user) relies on it.
 */
public final class ScanPublisher implements ScanSink, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ScanPublisher(KafkaClients kafka) {
        producer = kafka.producer(KafkaClients.Partitioning.BY_ACCOUNT);
    }

    @Override
    public void event(ScanEvent event) throws InterruptedException {
        send(Topics.RESULTS, List.of(event));
    }

    @Override
    public void request(ScanRequest request) throws InterruptedException {
        send(Topics.REQUESTS, List.of(request));
    }

    /** Keyed by account id. */
    @Override
    public void accountTasks(ScanEvent.ScanStarted plan, List<AccountRef> accounts) throws InterruptedException {
        List<AccountTask> tasks = accounts.stream().map(a -> new AccountTask(VersionedMessage.VERSION, plan.scanId(),
                a.id(), a.name(), plan.access(), plan.rolePrefixes(), plan.regions(),
                plan.regionMode(), plan.accessRetryMs() == 0 ? 0 : plan.startedAtMs() + plan.accessRetryMs(), plan.workers())).toList();
        send(Topics.ACCOUNTS, tasks);
    }

    /** Sends each value under its own key and waits until every one is written. */
    <V> void send(Topic<V> topic, List<V> values) throws InterruptedException {
        List<Future<RecordMetadata>> sent = values.stream()
                .map(v -> producer.send(topic.record(v)))
                .toList();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new ScanException("could not write to " + topic.name() + ": " + e.getCause().getMessage());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
