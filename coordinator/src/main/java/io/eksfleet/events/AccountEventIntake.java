package io.eksfleet.events;

import io.eksfleet.coordinator.CoordinatorMetrics;
import io.eksfleet.coordinator.Intake;
import io.eksfleet.coordinator.ScanStarts;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.topic.Decoded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of {@code eksfleet.account-events}: a created account is scanned, once (its scan id comes from the
 * account id, so a duplicate event finds its scan running or ended). Events that are not (yet) a created account
 * are logged and counted.
 */
final class AccountEventIntake implements Intake {

    private static final Logger LOG = LoggerFactory.getLogger(AccountEventIntake.class);

    private final AccountEventScans scans;
    private final ScanStarts starts;
    private final CoordinatorMetrics metrics;

    AccountEventIntake(AccountEventScans scans, ScanStarts starts, CoordinatorMetrics metrics) {
        this.scans = scans;
        this.starts = starts;
        this.metrics = metrics;
    }

    @Override
    public void serve(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        AccountEvent event = AccountEvents.parse(Decoded.of(record.value()));
        String outcome;
        if (event instanceof AccountEvent.Created created) {
            ScanRequest request = scans.request(created);
            boolean first = starts.startOnce(request);
            outcome = first ? "accepted" : "duplicate";
            LOG.info("account event ({}): account {} {}", created.source(), created.accountId(),
                    first ? "is being scanned: scan " + request.scanId()
                            : "is being scanned, or was in the last 24 hours, from an event (scan " + request.scanId() + "): skipped");
        } else if (event instanceof AccountEvent.NotSucceeded failed) {
            outcome = "not-succeeded";
            LOG.info("account event ({}): account creation {} is {}{}: nothing to scan", failed.source(),
                    failed.accountName() == null ? "" : "of " + failed.accountName(), failed.state(),
                    failed.reason() == null ? "" : " (" + failed.reason() + ")");
        } else {
            outcome = "unreadable";
            EventSources.warnUnlessLogged(record, ((AccountEvent.Unreadable) event).reason());
        }
        metrics.accountEvent(outcome);
    }
}
