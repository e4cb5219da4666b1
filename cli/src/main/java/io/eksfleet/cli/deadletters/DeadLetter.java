package io.eksfleet.cli.deadletters;

import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.TaskHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/** One record of a dead-letter topic, with the reason it is there. */
record DeadLetter(String topic, int partition, long offset, String key, Decoded decoded, Headers headers) {

    static DeadLetter of(ConsumerRecord<String, Decoded> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), Decoded.of(record.value()), record.headers());
    }

    /** The record's bytes as they came. */
    byte[] value() {
        return decoded.raw();
    }

    /**
     * The stage topic the letter goes back to: the one its dead-letter topic belongs to. The source-topic header is not
     * asked: whoever could write the dead-letter topic could name any topic there.
     */
    String sourceTopic() {
        return topic.substring(0, topic.length() - "-dlt".length());
    }

    String scanId() {
        return TaskHeaders.get(headers, TaskHeaders.SCAN_ID);
    }

    String errorCode() {
        return TaskHeaders.get(headers, TaskHeaders.ERROR_CODE);
    }

    String message() {
        return TaskHeaders.get(headers, TaskHeaders.ERROR_MESSAGE);
    }

    int attempts() {
        return TaskHeaders.getInt(headers, TaskHeaders.ATTEMPTS, 0);
    }

    String failedAt() {
        return TaskHeaders.get(headers, TaskHeaders.FAILED_AT);
    }
}
