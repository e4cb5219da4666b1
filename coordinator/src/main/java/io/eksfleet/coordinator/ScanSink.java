package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.util.List;

/** Where the coordinator's pieces put what they write: {@link ScanPublisher} on Kafka, a list in a test. */
public interface ScanSink {

    /** A scan event on the results topic, written before this returns. */
    void event(ScanEvent event) throws InterruptedException;

    /** A scan request on the requests topic, written before this returns. */
    void request(ScanRequest request) throws InterruptedException;

    /** One task per account, as the plan says to scan it, on the accounts topic, written before this returns. */
    void accountTasks(ScanEvent.ScanStarted plan, List<AccountRef> accounts) throws InterruptedException;
}
