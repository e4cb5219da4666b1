package io.eksfleet.cli.worker;

import io.eksfleet.topic.KafkaClients;
import io.eksfleet.cli.runtime.CommandFailed;


import io.eksfleet.aws.AwsClients;
import io.eksfleet.sso.RoleCredentials;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.worker.Worker;
import io.eksfleet.worker.WorkerConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Workers inside this process, for a scan or a replay that no running fleet serves. They share one credential cache. */
public final class WorkerPool implements AutoCloseable {

    /**
     * The most workers one process runs: each brings two consumers and a share of the stage partitions (24 unless
     * {@code --stage-partitions} says otherwise), so beyond that they only wait; a fleet scales with processes.
     */
    public static final int MAX_WORKERS = 24;

    private final List<Worker> workers = new ArrayList<>();
    private final KafkaClients kafka;
    private final String own;

    /**
     * @param own null for workers of the fleet; else the id of the tasks these workers alone run (a scan's or a replay's
     *     own workers), in consumer groups no other process joins
     */
    public WorkerPool(int count, KafkaClients kafka, AwsClients clients, SsoTokenCache tokens, WorkerTuning tuning, String own) {
        this.kafka = kafka;
        this.own = own;
        RoleCredentials credentials = new RoleCredentials(tokens, Clock.systemUTC());
        try {
            for (int i = 0; i < count; i++) {
                String instanceId = kafka.instanceId();
                // Static members of one group need ids of their own.
                KafkaClients settings = instanceId != null && count > 1 ? kafka.withInstanceId(instanceId + "-" + i) : kafka;
                Worker worker = new Worker(new WorkerConfig(settings, clients, credentials, tokens, tuning.maxInFlight(),
                        tuning.budgets(), tuning.calls(), tuning.retries(), own, tuning.accessEntries()));
                workers.add(worker);
                worker.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until every worker's consumers have their partitions, so the first tasks do not wait for group joins. */
    public void awaitAssignment(java.time.Duration timeout) throws InterruptedException {
        for (Worker worker : workers) {
            if (!worker.awaitAssignment(timeout)) {
                throw new CommandFailed("the workers did not join their Kafka consumer groups within " + timeout.toSeconds() + " s");
            }
        }
    }

    /** Each worker's figures, labelled {@code worker=<instance>} (and {@code -<n>} when the process runs several). */
    void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry, String instance) {
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).bindMetrics(registry, workers.size() == 1 ? instance : instance + "-" + i);
        }
    }

    /** Whether every worker's consumers still poll ({@code /health/live}). */
    public boolean alive() {
        return workers.stream().allMatch(Worker::alive);
    }

    public WorkerStats stats() {
        return WorkerStats.of(workers);
    }

    /** Stops the workers; a scan's or replay's own consumer groups go with them, so none is left on the brokers. */
    @Override
    public void close() {
        workers.forEach(Worker::close);
        if (own != null && !workers.isEmpty()) {
            try (org.apache.kafka.clients.admin.Admin admin = kafka.admin(java.time.Duration.ofSeconds(5))) {
                admin.deleteConsumerGroups(Worker.groupsOf(own)).all().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // Left behind, Kafka removes an empty group's offsets once they expire (offsets.retention.minutes).
            }
        }
    }
}
