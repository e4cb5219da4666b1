package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanRequest;

/** Starts scans, each once, whichever input asks for it: a request, an event, a follow-up look. */
public interface ScanStarts {

    /** Starts the scan unless it is running or ended already; false when it was. */
    boolean startOnce(ScanRequest request) throws InterruptedException;
}
