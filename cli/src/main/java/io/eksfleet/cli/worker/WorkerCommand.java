package io.eksfleet.cli.worker;

import io.eksfleet.cli.options.HubOptions;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.options.ManagementOptions;
import io.eksfleet.cli.options.UntilStopped;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.cli.runtime.ManagementServer;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet worker}: stage consumers that take scan tasks from Kafka until stopped. Scans submitted
 * with {@code eksfleet scan --workers 0} are served by such workers, in this process or many.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs workers that take account, region and cluster tasks from Kafka until stopped (SIGTERM, Ctrl-C).",
            "On stop, running tasks get 10 s to finish and be committed, then the worker leaves its groups and the",
            "others take its partitions; the process exits within 30 s of the signal."})
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Workers in this process. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Mixin
    WorkerOptions tuning;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ManagementOptions management;

    private final UntilStopped life = new UntilStopped("eksfleet-worker");

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > WorkerPool.MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(), "--workers must be between 1 and " + WorkerPool.MAX_WORKERS
                    + ": for more, run more eksfleet worker processes");
        }
        WorkerTuning t = tuning.resolve();
        KafkaClients settings = management.withInstanceId(kafka.required(spec), "worker");
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.awaitTopics(settings, timeout, kafka.topicLayout(spec));
        SsoTokenCache tokens = new SsoTokenCache(tuning.ssoCache(), Clock.systemUTC(), AwsClients.tokenRefresher(null));
        PrintWriter err = spec.commandLine().getErr();
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        try (UntilStopped running = life.enter();
             AwsClients clients = new AwsClients(null, t.maxInFlight(), t.calls().timeout());
             WorkerPool pool = new WorkerPool(workers, settings, clients, tokens, t, null);
             ManagementServer server = management.start(pool::alive, () -> ready.get() && pool.alive())) {
            pool.bindMetrics(server.registry(), management.instance());
            clients.prepare(HubOptions.DEFAULT_REGION);
            pool.awaitAssignment(timeout);
            ready.set(true);
            err.printf("eksfleet worker: %d worker(s) on %s, preset %s, %d calls in flight each%s%n", workers, kafka.bootstrapServers,
                    t.preset().name(), t.maxInFlight(), management.describe());
            err.flush();
            life.await();
            ready.set(false);
            err.println("eksfleet worker: stopping");
            err.flush();
        }
        return 0;
    }

    /** Asks the workers to stop, as SIGTERM does. */
    public void stop() {
        life.stop();
    }
}
