package io.eksfleet.coordinator;

import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.SkipReason;
import io.eksfleet.topic.SkippedRecords;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinators' group ({@value CoordinatorService#GROUP}) taking the records of its inputs' topics, one at a
 * time, each handed to the {@link Intake} of its topic and committed once served. A failure (Kafka away, a commit
 * refused in a rebalance) costs one round: the uncommitted record comes again, and starting a scan is idempotent.
 */
final class RecordLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordLoop.class);
    /** How long a coordinator may be silent before the group hands its requests to another one. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final Map<String, Intake> intakes;
    private final KafkaConsumer<String, Decoded> consumer;
    private final Thread thread = new Thread(this::run, "eksfleet-requests");
    private final CountDownLatch joined = new CountDownLatch(1);
    /** How often serving a record failed, by {@code topic@partition:offset}. */
    private final Map<String, Integer> failures = new HashMap<>();
    private volatile boolean stopping;

    /** @param intakes by topic name */
    RecordLoop(KafkaClients kafka, Map<String, Intake> intakes) {
        this.intakes = Map.copyOf(intakes);
        // One record at a time; planning a large organisation can take minutes of listing calls.
        this.consumer = kafka.consumer(KafkaClients.ConsumerRole.member(CoordinatorService.GROUP, 1).pollingEvery(Duration.ofMinutes(15))
                .silentAtMost(SESSION_TIMEOUT));
    }

    /** Joins the group and starts taking records; waits until the group has given this member its partitions. */
    void start(Duration timeout) throws InterruptedException {
        consumer.subscribe(List.copyOf(intakes.keySet()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                joined.countDown();
            }
        });
        thread.start();
        if (!joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ScanException("did not join the consumer group " + CoordinatorService.GROUP + " within " + timeout.toSeconds() + " s");
        }
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (!stopping) {
                ConsumerRecord<String, Decoded> current = null;
                try {
                    for (ConsumerRecord<String, Decoded> record : consumer.poll(Duration.ofMillis(500))) {
                        current = record;
                        serveOrSkip(record);
                        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                        current = null;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("taking requests failed, trying again: {}", e.toString());
                    retryLater(current);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Serves a record; one whose handling fails for a reason that is not Kafka's (a request that passed its contract
     * but cannot be served) is tried {@value #ATTEMPTS} times, then skipped and counted, so that it never holds up
     * the requests and events behind it.
     */
    private void serveOrSkip(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        try {
            intakes.get(record.topic()).serve(record);
            failures.clear();
        } catch (KafkaException | ScanException e) {
            throw e;
        } catch (RuntimeException e) {
            String at = record.topic() + "@" + record.partition() + ":" + record.offset();
            if (failures.merge(at, 1, Integer::sum) < ATTEMPTS) {
                throw e;
            }
            failures.clear();
            SkippedRecords.skip(record, SkipReason.FAILED, e.toString());
        }
    }

    /** Goes back to the record that failed, unless its partition has moved to another coordinator meanwhile. */
    private void retryLater(ConsumerRecord<String, Decoded> failed) throws InterruptedException {
        if (failed != null) {
            TopicPartition partition = new TopicPartition(failed.topic(), failed.partition());
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, failed.offset());
            }
        }
        Thread.sleep(1000);
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
