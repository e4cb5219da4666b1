package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.aws.UserFiles;
import io.eksfleet.ops.ManagementServer;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet coordinator}: the fleet's scan planner and aggregator. It takes scan requests
 * ({@code eksfleet scan --workers 0}, later account events) from Kafka until stopped.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plans the scans asked of the fleet, publishes their account tasks, follows their results and ends each",
            "scan with its figures on the results topic. Runs until stopped (SIGTERM, Ctrl-C); a restarted coordinator",
            "rebuilds the running scans from the results topic. Run one per Kafka cluster."})
public final class CoordinatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ManagementOptions management;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "SSO token cache for scans in SSO mode (default: ~/.aws/sso/cache).")
    Path ssoCache;

    @Option(names = "--ready-timeout", defaultValue = "60s", paramLabel = "D",
            description = "How long rebuilding the running scans may take. Default: ${DEFAULT-VALUE}.")
    String readyTimeout;

    private final UntilStopped life = new UntilStopped("eksfleet-coordinator");

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = management.withInstanceId(kafka.required(spec), "coordinator");
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.ensureTopics(settings, timeout);
        PrintWriter err = spec.commandLine().getErr();
        SsoTokenCache tokens = new SsoTokenCache(ssoCache != null ? ssoCache : UserFiles.ssoCache(), Clock.systemUTC());
        try (UntilStopped running = life.enter();
             AwsClients clients = new AwsClients(null, 16, Duration.ofSeconds(30));
             CoordinatorService service = new CoordinatorService(settings, new ScanPlanner(clients, tokens));
             ManagementServer server = management.start(service::alive, service::ready)) {
            server.gauge("eksfleet_coordinator_running_scans", "Scans the coordinator follows", service::runningScans);
            service.start(DurationOption.parse(spec, readyTimeout, "--ready-timeout"));
            err.printf("eksfleet coordinator: taking scan requests on %s%s%n", kafka.bootstrapServers, management.describe());
            err.flush();
            life.await();
            err.println("eksfleet coordinator: stopping");
            err.flush();
        }
        return 0;
    }

    /** Stops the coordinator, as SIGTERM does. */
    public void stop() {
        life.stop();
    }
}
