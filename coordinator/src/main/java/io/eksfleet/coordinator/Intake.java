package io.eksfleet.coordinator;

import io.eksfleet.topic.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the coordinator does with the records of one topic it takes ({@link RecordLoop} hands them on, one at a
 * time, and commits each once this returns). A new input is one more intake.
 */
public interface Intake {

    void serve(ConsumerRecord<String, Decoded> record) throws InterruptedException;
}
