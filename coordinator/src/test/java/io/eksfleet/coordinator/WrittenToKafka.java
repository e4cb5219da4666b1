package io.eksfleet.coordinator;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the coordinator's pieces would have written to Kafka; {@code away} makes every write fail, as Kafka away does. */
final class WrittenToKafka implements ScanSink {

    final List<ScanEvent> events = new CopyOnWriteArrayList<>();
    final List<ScanRequest> requests = new CopyOnWriteArrayList<>();
    /** The account ids of the account tasks, in the order written. */
    final List<String> accountTasks = new CopyOnWriteArrayList<>();
    volatile boolean away;

    @Override
    public void event(ScanEvent event) {
        check();
        events.add(event);
    }

    @Override
    public void request(ScanRequest request) {
        check();
        requests.add(request);
    }

    @Override
    public void accountTasks(ScanEvent.ScanStarted plan, List<AccountRef> accounts) {
        check();
        accounts.forEach(a -> accountTasks.add(a.id()));
    }

    private void check() {
        if (away) {
            throw new ScanException("could not write to Kafka");
        }
    }

    List<ScanEvent.ScanFinished> finished() {
        return events.stream().filter(ScanEvent.ScanFinished.class::isInstance).map(ScanEvent.ScanFinished.class::cast).toList();
    }
}
