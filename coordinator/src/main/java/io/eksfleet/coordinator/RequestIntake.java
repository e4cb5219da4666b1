package io.eksfleet.coordinator;

import io.eksfleet.scan.ScanRequest;
import io.eksfleet.topic.Decoded;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of {@code eksfleet.scan.requests}: each request that can be planned starts its scan once; one that
 * cannot is skipped, and, when it names a scan that is not already running or ended, that scan ends with an error
 * saying why, so its asker hears (a bad request reusing a running scan's id must not end that scan).
 * A request to the fleet names no {@code workers}: those are a command's own, which run and end its scan without
 * the coordinator, and a scan left to workers nobody runs would never end.
 */
final class RequestIntake implements Intake {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final ScanStarts starts;
    private final Predicate<String> known;
    private final ScanEnding ending;

    /** @param known whether a scan id is running or ended already */
    RequestIntake(ScanStarts starts, Predicate<String> known, ScanEnding ending) {
        this.starts = starts;
        this.known = known;
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
        if (problem == null && request.workers() != null) {
            problem = "workers names a command's own workers; a request to the fleet leaves it out";
        }
        if (problem == null) {
            starts.startOnce(request);
            return;
        }
        LOG.warn("skipped scan request {}: {}", record.key(), problem);
        if (request != null && request.scanId() != null && !known.test(request.scanId())) {
            ending.failed(request.scanId(), "bad scan request: " + problem);
        }
    }
}
