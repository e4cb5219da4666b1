package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanRequest;
import io.eksfleet.topic.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of {@code eksfleet.scan.requests}: each request that can be planned starts its scan once; one that
 * cannot is skipped, and, when it names its scan, that scan ends with an error saying why, so its asker hears.
 */
final class RequestIntake implements Intake {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final ScanStarts starts;
    private final ScanEnding ending;

    RequestIntake(ScanStarts starts, ScanEnding ending) {
        this.starts = starts;
        this.ending = ending;
    }

    @Override
    public void serve(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        Decoded value = Decoded.of(record.value());
        if (value.isPoison()) {
            return; // logged and counted when it was read
        }
        ScanRequest request = value.as(ScanRequest.class);
        String problem = request == null ? "empty request" : request.problem();
        if (problem == null) {
            starts.startOnce(request);
            return;
        }
        LOG.warn("skipped scan request {}: {}", record.key(), problem);
        if (request != null && request.scanId() != null) {
            ending.failed(request.scanId(), "bad scan request: " + problem);
        }
    }
}
