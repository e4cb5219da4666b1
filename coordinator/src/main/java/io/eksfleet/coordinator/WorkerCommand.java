package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
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
            "On stop, running tasks get 10 s to finish and be committed; the rest run again elsewhere."})
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT,...", description = "Kafka to consume from.")
    String bootstrapServers;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Workers in this process. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Mixin
    WorkerOptions tuning;


    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "D", description = "How long Kafka may take to answer. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
        }
        WorkerTuning t = tuning.resolve();
        Duration timeout = DurationOption.parse(spec, connectTimeout, "--connect-timeout");
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        TopicAdmin.ensureTopics(kafka, timeout);
        SsoTokenCache tokens = new SsoTokenCache(tuning.ssoCache(), Clock.systemUTC());
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(this::stopAndWait, "eksfleet-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (AwsClients clients = new AwsClients(null, t.maxInFlight(), t.calls().timeout());
             WorkerPool pool = new WorkerPool(workers, kafka, clients, tokens, t)) {
            pool.awaitAssignment(timeout);
            err.printf("eksfleet worker: %d worker(s) on %s, preset %s, %d calls in flight each%n", workers, bootstrapServers,
                    t.preset().name(), t.maxInFlight());
            err.flush();
            stopRequested.await();
            err.println("eksfleet worker: stopping");
            err.flush();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
        return 0;
    }

    /** Asks the workers to stop, as SIGTERM does. */
    public void stop() {
        stopRequested.countDown();
    }

    /** A shutdown hook must not return before the workers have drained, or the JVM ends under them. */
    private void stopAndWait() {
        stop();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
