package io.eksfleet.coordinator;

import io.eksfleet.topic.Decoded;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.TopicTail;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import io.eksfleet.topic.KafkaClients;
import java.util.function.Consumer;

/**
 * Hands on every event of the results topic. From the current end, so a scan sees all of its own events
 * and none of the history (it takes its position before the scan publishes anything); or from a point in
 * time, to rebuild scans from their events. An unreadable record is skipped with a warning.
 */
public final class ResultsListener implements AutoCloseable {


    /** Where the events go, each saying whether it was written before the listener started. */
    interface Sink {
        void accept(ScanEvent event, boolean replayed);
    }

    private final TopicTail tail;

    public ResultsListener(KafkaClients kafka, Consumer<ScanEvent> sink) {
        this(kafka, null, sink);
    }

    /**
     * @param from read events written since then, or null for only new events
     */
    public ResultsListener(KafkaClients kafka, Instant from, Consumer<ScanEvent> sink) {
        this(kafka, from, (event, replayed) -> sink.accept(event));
    }

    public ResultsListener(KafkaClients kafka, Instant from, Sink sink) {
        tail = new TopicTail(kafka, Topics.RESULTS.name(), from, (record, replayed) -> {
            Decoded value = Decoded.of(record.value());
            // Poison was logged and counted when it was read.
            if (!value.isPoison() && !value.isTombstone()) {
                sink.accept(value.as(ScanEvent.class), replayed);
            }
        });
    }

    /** Waits until every event written before this listener started has been handed on. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    @Override
    public void close() {
        tail.close();
    }
}
