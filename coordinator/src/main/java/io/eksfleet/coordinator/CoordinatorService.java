package io.eksfleet.coordinator;

import io.eksfleet.events.AccountEventScans;
import io.eksfleet.events.EventSources;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator of a fleet ({@code eksfleet coordinator}): takes scan requests ({@link RequestIntake}) and, in
 * hub mode, account and cluster events ({@link EventSources}) and reconcile rounds ({@link ReconcileRounds});
 * starts each scan once ({@link ScanStarter}), follows every running scan on the results topic, keeps the
 * inventory ({@code eksfleet.clusters}) current from their events, and ends the fleet's scans ({@link ScanEnding}).
 *
 * <p>It keeps no state of its own: on start it replays the last {@value #REBUILD_HOURS} hours of the results
 * topic, so scans that were running when a coordinator died are followed to their end. A request is
 * committed only after its plan and tasks are on Kafka; a request delivered again after a crash republishes
 * the tasks of its plan (task results are idempotent by key, so a task done twice changes nothing). Replayed
 * events update no inventory: the coordinator that saw them first did, and replaying several scans' events
 * out of their order could bring back a cluster a later scan removed.
 */
public final class CoordinatorService implements AutoCloseable {

    static final String GROUP = "eksfleet-coordinator";
    public static final int REBUILD_HOURS = 24;

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorService.class);

    private final KafkaClients kafka;
    private final AccountEventScans eventScope;
    private final CoordinatorMetrics metrics;
    private final ScanPublisher publisher;
    private final RunningScans running = new RunningScans();
    private final ScanEnding ending;
    private final ScanStarter starter;
    private final ReconcileRounds rounds;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "eksfleet-scan-ends"));
    private volatile InventoryWriter inventory;
    private volatile EventSources events;
    private ResultsListener results;
    private RecordLoop loop;
    private volatile boolean ready;
    private volatile boolean stopping;

    /**
     * @param kafka client settings; {@code group.instance.id} there makes this a static member of the group
     * @param eventScope how to scan what events announce, or null to leave the event topics alone
     * @param rescanEvery the period of reconcile scans of {@code eventScope}, or null for none
     */
    public CoordinatorService(KafkaClients kafka, ScanPlanner planner, AccountEventScans eventScope, Duration rescanEvery,
                              MeterRegistry registry) {
        this.kafka = kafka;
        this.eventScope = eventScope;
        this.metrics = new CoordinatorMetrics(registry, () -> inventory == null ? 0 : inventory.size(),
                () -> inventory == null ? 0 : inventory.oldestSeen().toSeconds());
        this.publisher = new ScanPublisher(kafka);
        this.ending = ScanEnding.ofFleet(publisher);
        this.starter = new ScanStarter(running, planner, new ScanLauncher(publisher, ending), publisher, metrics);
        this.rounds = rescanEvery == null ? null : new ReconcileRounds(new ReconcileSchedule(rescanEvery, eventScope), running, publisher);
        ending.listen((plan, outcome, finished) -> {
            metrics.finished(finished.status(), Duration.ofMillis(finished.finishedAtMs() - plan.startedAtMs()), outcome.clusters().size());
            LOG.info("scan {} {}: {} clusters", plan.scanId(), finished.status(), outcome.clusters().size());
        });
    }

    /** Rebuilds the running scans from the results topic, then starts taking requests. */
    public void start(Duration timeout) throws InterruptedException {
        inventory = InventoryWriter.start(kafka, timeout);
        Map<String, Intake> intakes = new HashMap<>(Map.of(Topics.REQUESTS.name(), new RequestIntake(starter, starter::known, ending)));
        if (eventScope != null) {
            events = new EventSources(eventScope, starter, inventory, metrics, ticker, ending);
            intakes.putAll(events.intakes());
        }
        Duration replay = Duration.ofHours(REBUILD_HOURS);
        results = new ResultsListener(kafka, Instant.now().minus(rounds == null ? replay : rounds.replay(replay)), this::accept);
        if (!results.awaitCaughtUp(timeout)) {
            throw new ScanException("could not read the results topic within " + timeout.toSeconds() + " s");
        }
        LOG.info("coordinator: {} running scan(s) rebuilt from {}", running.size(), Topics.RESULTS.name());
        long startedMs = System.currentTimeMillis();
        if (events != null) {
            events.resume(startedMs);
        }
        ticker.scheduleWithFixedDelay(() -> ending.endDue(running, System.currentTimeMillis()), 250, 250, TimeUnit.MILLISECONDS);
        if (rounds != null) {
            rounds.started(startedMs);
            ticker.scheduleWithFixedDelay(() -> rounds.tick(System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
        }
        loop = new RecordLoop(kafka, intakes);
        // Ready means taking requests: a coordinator still joining its group would leave a scan waiting unseen.
        loop.start(timeout);
        ready = true;
    }

    private void accept(ScanEvent event, boolean replayed) {
        if (rounds != null) {
            rounds.seen(event);
        }
        running.accept(event).ifPresent(scan -> {
            if (events != null) {
                events.seen(scan.plan(), event);
            }
            if (!replayed) {
                inventory.apply(scan.plan(), event);
            }
        });
    }

    /** Ready once the running scans are rebuilt and this coordinator has joined the group that takes requests. */
    public boolean ready() {
        return ready && !stopping;
    }

    /** Alive while its threads are. */
    public boolean alive() {
        return !ready || loop.alive();
    }

    public int runningScans() {
        return running.size();
    }

    @Override
    public void close() {
        stopping = true;
        if (loop != null) {
            loop.close();
        }
        ticker.shutdownNow();
        if (results != null) {
            results.close();
        }
        if (inventory != null) {
            inventory.close();
        }
        publisher.close();
    }
}
