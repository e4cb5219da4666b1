package io.eksfleet.inventory;

import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicTail;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Hands on every record of the inventory topic from its beginning: the ARN and the cluster, or null for a
 * tombstone. The compacted topic's beginning is the whole inventory; it then follows the changes.
 * Unreadable records are skipped with a warning, never stop it.
 */
public final class InventoryListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryListener.class);

    private final TopicTail tail;

    public InventoryListener(Map<String, Object> kafka, BiConsumer<String, InventoryRecord> sink) {
        tail = new TopicTail(kafka, Topics.INVENTORY.name(), Instant.EPOCH, (record, replayed) -> {
            InventoryRecord value = null;
            if (record.value() != null) {
                try {
                    value = Messages.MAPPER.readValue(record.value(), InventoryRecord.class);
                } catch (JacksonException e) {
                    LOG.warn("skipped an unreadable inventory record {}: {}", record.key(), e.getOriginalMessage());
                    return;
                }
            }
            sink.accept(record.key(), value);
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
