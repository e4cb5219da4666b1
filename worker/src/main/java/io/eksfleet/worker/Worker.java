package io.eksfleet.worker;

import io.eksfleet.budget.BudgetSnapshot;
import io.eksfleet.budget.Budgets;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TaskHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import io.eksfleet.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.eksfleet.budget.Family;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One worker: a consumer of each stage topic and of each stage's retry topic, in the stage's consumer
 * group, so that workers in one or many processes share the partitions. A consumer only starts a task;
 * the task's AWS calls run async, many at once, bounded by the in-flight limit and the budgets, and the
 * consumer commits per partition only what is finished (at-least-once). Records are read as bytes, so
 * one that cannot be parsed is dead-lettered by the stage instead of stopping the consumer.
 */
public final class Worker implements AutoCloseable {

    /** How long a worker may be silent before its group gives its partitions to the others. */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    /** Longer than any backoff eksfleet writes (retries back off for seconds, access retries for a minute at most). */
    static final java.time.Duration LONGEST_BACKOFF = java.time.Duration.ofMinutes(10);

    /**
     * How long the broker holds an empty fetch of the retry consumer: Kafka's default. A retried task waits out a backoff
     * of seconds anyway, and the consumer, idle in most scans, then asks twice a second instead of twenty times.
     */
    static final java.time.Duration RETRY_FETCH_WAIT = java.time.Duration.ofMillis(500);

    /** The group of every worker's stage consumer: the three stage topics, partition numbers co-assigned. */
    public static final String STAGE_GROUP = "eksfleet-worker-stages";
    /** The group of every worker's retry consumer: the three retry topics, likewise. */
    public static final String RETRY_GROUP = "eksfleet-worker-retries";

    /** The consumer group of the fleet's workers that consumes {@code topic} (autoscalers watch its lag). */
    public static String groupOf(String topic) {
        return topic.endsWith("-retry") ? RETRY_GROUP : STAGE_GROUP;
    }

    /** The consumer groups of one process's own workers. */
    public static List<String> groupsOf(String workers) {
        return List.of(privateGroup(STAGE_GROUP, workers), privateGroup(RETRY_GROUP, workers));
    }

    /** The group of {@code fleetGroup}'s consumers among one process's own workers: no other process's workers join it. */
    static String privateGroup(String fleetGroup, String workers) {
        return workers == null ? fleetGroup : fleetGroup + "." + workers;
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService scheduler;
    private final InFlightLimit limit;
    private final Budgets budgets;
    private final List<StageConsumer> consumers = new ArrayList<>();
    private final List<StageRunner<?>> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch joined = new CountDownLatch(2);

    public Worker(WorkerConfig config) {
        KafkaClients kafka = config.kafka();
        this.producer = kafka.producer(KafkaClients.Partitioning.BY_ACCOUNT);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "eksfleet-worker-scheduler");
            t.setDaemon(true);
            return t;
        });
        // Learn every topic's partitions now, so that no send ever waits for metadata.
        Topics.all().forEach(t -> producer.partitionsFor(t.name()));
        int stagePartitions = Topics.STAGES.stream().mapToInt(t -> producer.partitionsFor(t.name()).size()).sum();
        this.limit = new InFlightLimit(config.maxInFlight());
        this.budgets = new Budgets(config.budgets());
        FleetShare share = new FleetShare(budgets, stagePartitions);
        Outputs outputs = new Outputs(producer, scheduler);
        StageServices services = new StageServices(config.clients(), config.roleCredentials(), config.tokens(), limit,
                budgets, config.calls().retry(), scheduler, outputs);
        List<StageRunner<?>> stages = List.of(
                new StageRunner<>(Topics.ACCOUNTS, new AccountStage(services)::handle, config.retries(), outputs, config.workers()),
                new StageRunner<>(Topics.REGIONS, new RegionStage(services)::handle, config.retries(), outputs, config.workers()),
                new StageRunner<>(Topics.CLUSTERS, new ClusterStage(services, config.accessEntries())::handle, config.retries(), outputs, config.workers()));
        runners.addAll(stages);
        Map<String, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>>> fresh = new HashMap<>();
        Map<String, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>>> retried = new HashMap<>();
        for (StageRunner<?> runner : stages) {
            fresh.put(runner.topic().name(), runner::run);
            retried.put(Topics.retryOf(runner.topic()).name(), record -> afterBackoff(runner, record));
        }
        consumers.add(consumer(kafka, config, privateGroup(STAGE_GROUP, config.workers()), fresh, share, null));
        consumers.add(consumer(kafka, config, privateGroup(RETRY_GROUP, config.workers()), retried, share, RETRY_FETCH_WAIT));
    }

    public void start() {
        for (int i = 0; i < consumers.size(); i++) {
            Thread thread = new Thread(consumers.get(i), "eksfleet-consumer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Waits until every consumer of this worker has joined its group and received its partitions (possibly
     * none, in a fleet larger than a topic's partition count). False if that took longer than {@code timeout}.
     */
    public boolean awaitAssignment(java.time.Duration timeout) throws InterruptedException {
        return joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether every consumer still polls: one that stopped takes no task again, and the process is to be restarted. */
    public boolean alive() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    /** Budget levels and throttling answers by API family, for the report. */
    public Map<Family, BudgetSnapshot> budgetSnapshot() {
        return budgets.snapshot();
    }

    public int peakInFlight() {
        return limit.peak();
    }

    /**
     * Stops every consumer at once; each gives its running tasks up to {@value StageConsumer#DRAIN_SECONDS}
     * seconds, commits what finished and leaves its group. Then the producer.
     */
    @Override
    public void close() {
        consumers.forEach(StageConsumer::stop);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(StageConsumer.DRAIN_SECONDS + 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
        scheduler.shutdownNow();
    }

    /**
     * Publishes this worker's figures: task attempts by stage and outcome, AWS calls in flight, each API
     * family's budget and throttling answers, and its consumers' Kafka client metrics (lag among them).
     */
    public void bindMetrics(MeterRegistry registry, String name) {
        runners.forEach(r -> r.bindMetrics(registry, name));
        consumers.forEach(c -> c.bindMetrics(registry));
        Gauge.builder("eksfleet.worker.calls.in.flight", limit, InFlightLimit::running)
                .tag("worker", name).description("AWS calls in flight").register(registry);
        for (Family f : Family.values()) {
            String family = f.name().toLowerCase();
            Gauge.builder("eksfleet.worker.budget.configured.rps", budgets, b -> b.snapshot(f).configuredRps())
                    .tag("family", family).tag("worker", name).description("The worker's share of the family's rate budget").register(registry);
            Gauge.builder("eksfleet.worker.budget.lowest.rps", budgets, b -> b.snapshot(f).lowestRps())
                    .tag("family", family).tag("worker", name).description("The lowest rate a throttled key of the family fell to").register(registry);
            FunctionCounter.builder("eksfleet.worker.throttled", budgets, b -> b.snapshot(f).throttled())
                    .tag("family", family).tag("worker", name).description("Throttling answers from AWS").register(registry);
        }
    }

    /** A retried task waits out its backoff here, scheduled, then runs like any other. */
    private CompletableFuture<Void> afterBackoff(StageRunner<?> runner, ConsumerRecord<String, Decoded> record) {
        long wait = notBefore(record) - System.currentTimeMillis();
        if (wait <= 0) {
            return runner.run(record);
        }
        CompletableFuture<Void> later = new CompletableFuture<>();
        scheduler.schedule(() -> runner.run(record).whenComplete((ok, error) -> later.complete(null)), wait, TimeUnit.MILLISECONDS);
        return later;
    }

    /**
     * When a retried task may run: its header, but never later than {@link #LONGEST_BACKOFF} from now, so that a header
     * eksfleet did not write cannot park a task, and the partition's commits behind it, for ever.
     */
    private static long notBefore(ConsumerRecord<String, Decoded> record) {
        long latest = System.currentTimeMillis() + LONGEST_BACKOFF.toMillis();
        return TaskHeaders.getLong(record.headers(), TaskHeaders.NOT_BEFORE, 0, latest);
    }

    /**
     * @param idleFetchWait how long the broker may hold the consumer's empty fetches, or null for the default of a hop
     */
    private StageConsumer consumer(KafkaClients kafka, WorkerConfig config, String group,
                                   Map<String, Function<ConsumerRecord<String, Decoded>, CompletableFuture<Void>>> handlers,
                                   FleetShare share, java.time.Duration idleFetchWait) {
        // Partition number i of every stage topic to one worker: an account's tasks meet there (AccountPartitioner).
        // A crashed worker's partitions move to the others after the session timeout without a heartbeat (Kafka's
        // default is 45 s); a stopped one hands them over at once, by leaving the group.
        KafkaClients.ConsumerRole role = KafkaClients.ConsumerRole.member(group, Math.max(16, config.maxInFlight() * 2))
                .assignedBy(CoPartitionAssignor.class).silentAtMost(java.time.Duration.ofMillis(SESSION_TIMEOUT_MS));
        if (idleFetchWait != null) {
            role = role.idleFetchAtMost(idleFetchWait);
        }
        if (config.workers() != null) {
            // A scan's own group is new: what is already on the topics is other scans' work. Its members join before
            // the scan publishes its first task.
            role = role.fromLatest();
        }
        // Tasks are cheap to hold: queue several polls' worth of each topic so the in-flight limit, not the poll, is the bound.
        return new StageConsumer(kafka.consumer(role), handlers, config.maxInFlight() * 8, share, joined,
                role.startsAtEnd());
    }
}
