package io.eksfleet.inventory;

import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicTail;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Hands on every record of the inventory topic from its beginning: the ARN and the cluster, or null for a
 * tombstone. The compacted topic's beginning is the whole inventory; it then follows the changes.
 * Unreadable records are skipped with a warning, never stop it.
 */
public final class InventoryListener implements AutoCloseable {


    private final TopicTail tail;

    /** Where the records go with the time Kafka stamped them: what an inventory's history needs. */
    public interface TimedSink {
        /** @param record the cluster, or null for a tombstone */
        void accept(String arn, InventoryRecord record, Instant written);
    }

    public InventoryListener(KafkaClients kafka, BiConsumer<String, InventoryRecord> sink) {
        this(kafka, (arn, record, written) -> sink.accept(arn, record));
    }

    public InventoryListener(KafkaClients kafka, TimedSink sink) {
        tail = new TopicTail(kafka, Topics.INVENTORY.name(), Instant.EPOCH, (record, replayed) -> {
            Decoded value = Decoded.of(record.value());
            if (value.isPoison()) {
                return; // logged and counted when it was read
            }
            sink.accept(record.key(), value.isTombstone() ? null : value.as(InventoryRecord.class), Instant.ofEpochMilli(record.timestamp()));
        });
    }

    /** Waits until the inventory as it was when this listener started has been handed on. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        tail.close();
    }
}
