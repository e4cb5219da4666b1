package io.eksfleet.coordinator;


import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.events.AccountEvent;
import io.eksfleet.events.AccountEventScans;
import io.eksfleet.events.ClusterEvent;
import io.eksfleet.events.ClusterEvents;
import io.eksfleet.events.EventRegions;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.events.AccountEvents;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.topic.SkipReason;
import io.eksfleet.topic.SkippedRecords;
import io.eksfleet.topic.Topics;
import org.apache.kafka.common.KafkaException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator of a fleet ({@code eksfleet coordinator}): takes scan requests from
 * {@code eksfleet.scan.requests} and, when configured, new accounts from {@code eksfleet.account-events};
 * launches the scans, follows every running scan on the results topic, keeps the inventory
 * ({@code eksfleet.clusters}) current from their events, and ends each scan with a
 * {@link ScanEvent.ScanFinished} when its tasks are all closed or its timeout passes.
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
    /** How long a coordinator may be silent before the group hands its requests to another one. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final int REBUILD_HOURS = 24;

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorService.class);


    private final Map<String, Object> kafka;
    private final AccountEventScans eventScans;
    private final CoordinatorMetrics metrics;
    private final ScanPublisher publisher;
    private final ScanPlanner planner;
    private final ScanLauncher launcher;
    private final RunningScans running = new RunningScans();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "eksfleet-scan-ends"));
    private final KafkaConsumer<String, Decoded> requests;
    private final Thread requestThread;
    private ResultsListener results;
    private InventoryWriter inventory;
    private volatile boolean stopping;
    private final CountDownLatch joined = new CountDownLatch(1);
    private volatile boolean ready;
    private final ReconcileSchedule schedule;
    private final Map<String, FollowUp> followUps = new ConcurrentHashMap<>();
    private final EventRegions regions = new EventRegions();
    private volatile long startedMs;
    /** How often serving a record failed, by {@code topic@partition:offset}. */
    private final Map<String, Integer> failures = new java.util.HashMap<>();
    private static final int ATTEMPTS = 3;

    /**
     * @param kafka client settings; {@code group.instance.id} there makes this a static member of the group
     * @param eventScans how to scan the accounts of {@code eksfleet.account-events}, or null to leave that topic alone
     */
    public CoordinatorService(Map<String, Object> kafka, ScanPlanner planner, AccountEventScans eventScans, MeterRegistry metrics) {
        this(kafka, planner, eventScans, null, metrics);
    }

    /**
     * @param rescanEvery the period of reconcile scans of the {@code eventScans} scope, or null for none
     */
    public CoordinatorService(Map<String, Object> kafka, ScanPlanner planner, AccountEventScans eventScans, Duration rescanEvery,
                              MeterRegistry metrics) {
        this.kafka = Map.copyOf(kafka);
        this.eventScans = eventScans;
        this.schedule = rescanEvery == null ? null : new ReconcileSchedule(rescanEvery, eventScans);
        this.metrics = new CoordinatorMetrics(metrics, () -> inventory == null ? 0 : inventory.size(),
                () -> inventory == null ? 0 : inventory.oldestSeen().toSeconds());
        this.publisher = new ScanPublisher(kafka);
        this.planner = planner;
        this.launcher = new ScanLauncher(publisher);
        // One request at a time; planning a large organisation can take minutes of listing calls.
        this.requests = new KafkaClients(kafka).consumer(KafkaClients.ConsumerRole.member(GROUP, 1).pollingEvery(Duration.ofMinutes(15))
                .silentAtMost(SESSION_TIMEOUT));
        this.requestThread = new Thread(this::serveRequests, "eksfleet-requests");
    }

    /** Rebuilds the running scans from the results topic, then starts taking requests. */
    public void start(Duration timeout) throws InterruptedException {
        inventory = InventoryWriter.start(kafka, timeout);
        // The replay reaches back far enough to find the last reconcile round too.
        Duration replay = Duration.ofHours(REBUILD_HOURS);
        if (schedule != null && schedule.every().compareTo(replay) > 0) {
            replay = schedule.every();
        }
        results = new ResultsListener(kafka, Instant.now().minus(replay), this::accept);
        if (!results.awaitCaughtUp(timeout)) {
            throw new ScanException("could not read the results topic within " + timeout.toSeconds() + " s");
        }
        LOG.info("coordinator: {} running scan(s) rebuilt from {}", running.size(), Topics.RESULTS.name());
        startedMs = System.currentTimeMillis();
        if (eventScans != null) {
            resumeFollowUps();
        }
        ticker.scheduleWithFixedDelay(this::endFinishedScans, 250, 250, TimeUnit.MILLISECONDS);
        if (schedule != null) {
            ticker.scheduleWithFixedDelay(this::reconcileWhenDue, 1, 1, TimeUnit.SECONDS);
        }
        requests.subscribe(eventScans == null ? List.of(Topics.REQUESTS.name())
                : List.of(Topics.REQUESTS.name(), Topics.ACCOUNT_EVENTS.name(), Topics.CLUSTER_EVENTS.name()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        joined.countDown();
                    }
                });
        requestThread.start();
        // Ready means taking requests: a coordinator still joining its group would leave a scan waiting unseen.
        if (!joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ScanException("did not join the consumer group " + GROUP + " within " + timeout.toSeconds() + " s");
        }
        ready = true;
    }

    /** Ready once the running scans are rebuilt and this coordinator has joined the group that takes requests. */
    public boolean ready() {
        return ready && !stopping;
    }

    /** Alive while its threads are. */
    public boolean alive() {
        return !ready || requestThread.isAlive();
    }

    public int runningScans() {
        return running.size();
    }

    private void accept(ScanEvent event, boolean replayed) {
        if (schedule != null && event instanceof ScanEvent.ScanStarted plan) {
            schedule.seen(plan);
        }
        running.accept(event).ifPresent(scan -> {
            regions.seen(scan.plan(), event);
            if (!replayed) {
                inventory.apply(scan.plan(), event);
            }
        });
    }

    /**
     * Asks for the reconcile round that is due, on the requests topic like any scan (so that it is planned once,
     * by the coordinator that owns the requests), unless the last round still runs: then this one is skipped.
     */
    private void reconcileWhenDue() {
        long now = System.currentTimeMillis();
        long due = schedule.dueMs(startedMs);
        if (now < due) {
            return;
        }
        schedule.taken(due);
        if (running.any(plan -> ReconcileSchedule.ORIGIN.equals(plan.origin()))) {
            LOG.info("reconcile round due at {} skipped: the last one still runs", Instant.ofEpochMilli(due));
            return;
        }
        try {
            ScanRequest request = schedule.request(due);
            publisher.send(Topics.REQUESTS, List.of(request));
            LOG.info("reconcile round due at {}: scan {}", Instant.ofEpochMilli(due), request.scanId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not ask for the reconcile round due at {}: {}", Instant.ofEpochMilli(due), e.getMessage());
        }
    }

    private void endFinishedScans() {
        for (RunningScans.Running scan : running.due(System.currentTimeMillis())) {
            ScanOutcome outcome = scan.tracker().outcome(!scan.tracker().completion().isDone());
            try {
                ScanEvent.ScanFinished finished = outcome.finished(scan.plan().notVisible());
                publisher.event(finished);
                followUp(scan, outcome);
                metrics.finished(finished.status(), Duration.ofMillis(finished.finishedAtMs() - scan.plan().startedAtMs()),
                        outcome.clusters().size());
                LOG.info("scan {} {}: {} clusters", scan.plan().scanId(), outcome.status(scan.plan().notVisible()),
                        outcome.clusters().size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Try again on the next tick.
                running.reopen(scan);
                LOG.warn("could not end scan {}: {}", scan.plan().scanId(), e.getMessage());
            }
        }
    }

    /**
     * Takes requests and account events until stopped. A failure (Kafka away, a commit refused in a
     * rebalance) costs one round: the uncommitted record comes again, and launching is idempotent.
     */
    private void serveRequests() {
        try {
            while (!stopping) {
                ConsumerRecord<String, Decoded> current = null;
                try {
                    for (ConsumerRecord<String, Decoded> record : requests.poll(Duration.ofMillis(500))) {
                        current = record;
                        serveOrSkip(record);
                        requests.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                        current = null;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("taking requests failed, trying again: {}", e.toString());
                    retryLater(current);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            requests.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Serves a record; one whose handling fails for a reason that is not Kafka's (a request that passed its contract
     * but cannot be served) is tried {@value #ATTEMPTS} times, then skipped and counted, so that it never holds up
     * the requests and events behind it.
     */
    private void serveOrSkip(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        try {
            serve(record);
            failures.clear();
        } catch (KafkaException | ScanException e) {
            throw e;
        } catch (RuntimeException e) {
            String at = record.topic() + "@" + record.partition() + ":" + record.offset();
            if (failures.merge(at, 1, Integer::sum) < ATTEMPTS) {
                throw e;
            }
            failures.clear();
            SkippedRecords.skip(record, SkipReason.FAILED, e.toString());
        }
    }

    /** Goes back to the record that failed, unless its partition has moved to another coordinator meanwhile. */
    private void retryLater(ConsumerRecord<String, Decoded> failed) throws InterruptedException {
        if (failed != null) {
            TopicPartition partition = new TopicPartition(failed.topic(), failed.partition());
            if (requests.assignment().contains(partition)) {
                requests.seek(partition, failed.offset());
            }
        }
        Thread.sleep(1000);
    }

    private void serve(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        if (record.topic().equals(Topics.ACCOUNT_EVENTS.name())) {
            serveAccountEvent(record);
            return;
        }
        if (record.topic().equals(Topics.CLUSTER_EVENTS.name())) {
            serveClusterEvent(record);
            return;
        }
        Decoded value = Decoded.of(record.value());
        if (value.isPoison()) {
            return; // logged and counted when it was read
        }
        ScanRequest request = value.as(ScanRequest.class);
        String problem = request == null ? "empty request" : request.problem();
        if (problem != null) {
            LOG.warn("skipped scan request {}: {}", record.key(), problem);
            if (request != null && request.scanId() != null) {
                publisher.event(ScanLauncher.failed(request.scanId(), "bad scan request: " + problem));
            }
            return;
        }
        launchOnce(request);
    }

    /**
     * Starts the scan of a new account, once: its scan id comes from the account id, so a duplicate event
     * finds its scan running or ended. Events that are not (yet) a created account are logged and counted.
     */
    private void serveAccountEvent(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        AccountEvent event = AccountEvents.parse(Decoded.of(record.value()));
        String outcome;
        if (event instanceof AccountEvent.Created created) {
            ScanRequest request = eventScans.request(created);
            outcome = launchOnce(request) ? "accepted" : "duplicate";
            LOG.info("account event ({}): account {} {}", created.source(), created.accountId(),
                    outcome.equals("accepted") ? "is being scanned: scan " + request.scanId()
                            : "is being scanned, or was in the last 24 hours, from an event (scan " + request.scanId() + "): skipped");
        } else if (event instanceof AccountEvent.NotSucceeded failed) {
            outcome = "not-succeeded";
            LOG.info("account event ({}): account creation {} is {}{}: nothing to scan", failed.source(),
                    failed.accountName() == null ? "" : "of " + failed.accountName(), failed.state(),
                    failed.reason() == null ? "" : " (" + failed.reason() + ")");
        } else {
            outcome = "unreadable";
            warnUnlessLogged(record, ((AccountEvent.Unreadable) event).reason());
        }
        metrics.accountEvent(outcome);
    }

    /**
     * Looks again at the account and region of a cluster that changed: a scan of that one region (credentials,
     * budgets, retries and dead letters as in any scan; its complete listing tombstones a deleted cluster). The
     * scan id comes from the event's id, so a duplicate starts nothing. Calls AWS refused are counted and skipped.
     */
    private void serveClusterEvent(ConsumerRecord<String, Decoded> record) throws InterruptedException {
        ClusterEvent event = ClusterEvents.parse(Decoded.of(record.value()));
        String outcome;
        String refusal = event instanceof ClusterEvent.Changed c ? regions.refusal(c.accountId(), c.region()) : null;
        if (refusal != null) {
            outcome = "refused-region";
            LOG.warn("cluster event at {}@{}:{} refused: {}", record.topic(), record.partition(), record.offset(), refusal);
        } else if (event instanceof ClusterEvent.Changed changed) {
            ScanRequest request = eventScans.request(changed, inventory.accountName(changed.accountId()), 0);
            // Known before the scan starts: a look that ends quickly must still find what to do next.
            FollowUp followUp = new FollowUp(changed, 0, System.currentTimeMillis(), record.timestamp());
            boolean noted = followUps.putIfAbsent(request.scanId(), followUp) == null;
            boolean first = launchOnce(request);
            if (!first && noted) {
                followUps.remove(request.scanId(), followUp);
            }
            outcome = first ? "accepted" : "duplicate";
            LOG.info("cluster event {} of {} in {} {}: {}", changed.eventName(), changed.clusterName(), changed.accountId(),
                    changed.region(), first ? "looking again: scan " + request.scanId() : "already seen: skipped");
        } else if (event instanceof ClusterEvent.Failed failed) {
            outcome = "failed";
            LOG.info("cluster event {} refused by AWS ({}): nothing changed", failed.eventName(), failed.errorCode());
        } else {
            outcome = "unreadable";
            warnUnlessLogged(record, ((ClusterEvent.Unreadable) event).reason());
        }
        metrics.clusterEvent(event.eventName(), outcome);
    }

    /** Says why an event was skipped, unless it broke its topic's contract: then that was logged as it was read. */
    private static void warnUnlessLogged(ConsumerRecord<String, Decoded> record, String reason) {
        if (!Decoded.of(record.value()).isPoison()) {
            LOG.warn("event at {}@{}:{} skipped: {}", record.topic(), record.partition(), record.offset(), reason);
        }
    }

    /**
     * A cluster event's scan: which round it is, when the first began, and when the event reached Kafka (-1 for
     * a look resumed after a restart). While a cluster it saw is still changing (EKS sends no event when it
     * settles), the region is looked at again.
     */
    private record FollowUp(ClusterEvent.Changed event, int round, long firstMs, long publishedMs) {
    }

    /** Cluster states that end by themselves, without an event saying so. */
    private static final Set<String> TRANSITIONAL = Set.of("CREATING", "UPDATING", "DELETING", "PENDING");
    /** How long clusters of an event are followed while they change: EKS takes up to about 20 minutes. */
    static final Duration FOLLOW_CHANGES_FOR = Duration.ofMinutes(30);

    /**
     * After a restart: the clusters an event's look last saw still changing, less than {@link #FOLLOW_CHANGES_FOR}
     * ago, are looked at again, since the looks a predecessor had planned died with it.
     */
    private void resumeFollowUps() {
        Map<String, InventoryRecord> byRegion = new java.util.LinkedHashMap<>();
        inventory.changingSince(TRANSITIONAL, Instant.now().minus(FOLLOW_CHANGES_FOR))
                .forEach(r -> byRegion.putIfAbsent(r.accountId() + "/" + r.region(), r));
        for (InventoryRecord r : byRegion.values()) {
            ClusterEvent.Changed resumed = new ClusterEvent.Changed("Resumed", "resumed/" + r.accountId() + "/" + r.region() + "/" + startedMs,
                    r.accountId(), r.region(), r.name());
            scheduleLook(new FollowUp(resumed, 1, r.lastSeenAt().toEpochMilli(), -1), 0);
            LOG.info("cluster {} was still {} when last seen: looking at {} {} again", r.name(), r.status(), r.accountId(), r.region());
        }
    }

    private void followUp(RunningScans.Running scan, ScanOutcome outcome) {
        FollowUp followUp = followUps.remove(scan.plan().scanId());
        if (followUp == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (followUp.round() == 0 && followUp.publishedMs() >= 0) {
            metrics.clusterEventApplied(Duration.ofMillis(Math.max(0, now - followUp.publishedMs())));
        }
        boolean changing = outcome.clusters().stream().anyMatch(c -> TRANSITIONAL.contains(c.status()));
        if (!changing || now - followUp.firstMs() > FOLLOW_CHANGES_FOR.toMillis()) {
            return;
        }
        // 5 s, 10 s, 20 s... at most a minute apart.
        long delay = Math.min(Duration.ofMinutes(1).toMillis(), Duration.ofSeconds(5).toMillis() << Math.min(followUp.round(), 4));
        scheduleLook(new FollowUp(followUp.event(), followUp.round() + 1, followUp.firstMs(), followUp.publishedMs()), delay);
    }

    private void scheduleLook(FollowUp next, long delayMs) {
        ticker.schedule(() -> {
            ScanRequest request = eventScans.request(next.event(), inventory.accountName(next.event().accountId()), next.round());
            followUps.put(request.scanId(), next);
            try {
                launchOnce(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Launches the scan unless it is running or ended already; false when it was. */
    private boolean launchOnce(ScanRequest request) throws InterruptedException {
        String id = request.scanId();
        RunningScans.Running known = running.get(id).orElse(null);
        if (running.ended(id) || !launched.add(id)) {
            return false;
        }
        if (known != null) {
            // Running, but not launched by this process: planned before a restart that may have cut its task list short.
            LOG.info("scan {} was planned before a restart: publishing its account tasks again", id);
            publisher.accountTasks(known.plan());
            return true;
        }
        try {
            ScanEvent.ScanStarted plan = launcher.launch(request, planner.planAhead(request));
            metrics.started();
            LOG.info("scan {} ({}): {} accounts", id, request.origin(), plan.accounts().size());
        } catch (RuntimeException e) {
            metrics.failedToStart();
            LOG.warn("scan {} could not start: {}", id, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return true;
    }

    @Override
    public void close() {
        stopping = true;
        requests.wakeup();
        try {
            requestThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
