package io.eksfleet.cli.coordinator;

import io.eksfleet.scan.Access;
import io.eksfleet.coordinator.CoordinatorService;
import io.eksfleet.coordinator.ScanPlanner;
import io.eksfleet.topic.KafkaClients;

import io.eksfleet.cli.options.DurationOption;
import io.eksfleet.cli.options.HubOptions;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.options.ManagementOptions;
import io.eksfleet.cli.options.RegionsOption;
import io.eksfleet.cli.options.UntilStopped;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.aws.UserFiles;
import io.eksfleet.events.AccountEventScans;
import io.eksfleet.cli.runtime.ManagementServer;
import io.eksfleet.scan.HubSource;
import java.util.concurrent.atomic.AtomicReference;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code eksfleet coordinator}: the fleet's scan planner and aggregator. It takes scan requests
 * ({@code eksfleet scan --workers 0}, later account events) from Kafka until stopped.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plans the fleet's scans and follows them to their end.",
            "It publishes each scan's account tasks, follows their results and ends each scan with its figures on the",
            "results topic. Runs until stopped (SIGTERM, Ctrl-C); a restarted coordinator",
            "rebuilds the running scans from the results topic. Run one per Kafka cluster.",
            "With --assume-role it also scans the new accounts of eksfleet.account-events in hub mode (--external-id,",
            "--hub-region and --regions apply to those scans); without it account events are left alone."})
public final class CoordinatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hubOptions;

    @Mixin
    RegionsOption regions;

    @Option(names = "--access-retry-window", defaultValue = "15m", paramLabel = "D",
            description = {"Account events: how long AccessDenied on a new account's role is tried again (with growing delays, at",
                "most 1 min apart) before the account is dead-lettered. Default: ${DEFAULT-VALUE}."})
    String accessRetryWindow;

    @Option(names = "--rescan-every", paramLabel = "D",
            description = {"With --assume-role: a reconcile scan of every ACTIVE account every D (e.g. 6h), a little later by a",
                "jitter; a round that falls due while the last one runs is skipped; the schedule survives restarts. Off by default."})
    String rescanEvery;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "SSO token cache for scans in SSO mode (default: ~/.aws/sso/cache).")
    Path ssoCache;

    @Option(names = "--ready-timeout", defaultValue = "60s", paramLabel = "D",
            description = "How long rebuilding the running scans may take. Default: ${DEFAULT-VALUE}.")
    String readyTimeout;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ManagementOptions management;

    /** How long an event-triggered scan may take after its account's role became assumable. */
    static final Duration EVENT_SCAN_AFTER_ACCESS = Duration.ofMinutes(5);

    private final UntilStopped life = new UntilStopped("eksfleet-coordinator");

    @Override
    public Integer call() throws Exception {
        KafkaClients settings = management.withInstanceId(kafka.required(spec), "coordinator");
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.awaitTopics(settings, timeout, kafka.topicLayout(spec));
        PrintWriter err = spec.commandLine().getErr();
        SsoTokenCache tokens = new SsoTokenCache(UserFiles.ssoCache(ssoCache), Clock.systemUTC(), AwsClients.tokenRefresher(null));
        AccountEventScans events = eventScans();
        Duration rescans = rescanEvery == null ? null : DurationOption.positive(spec, rescanEvery, "--rescan-every");
        if (rescans != null && events == null) {
            throw new ParameterException(spec.commandLine(), "--rescan-every needs --assume-role: reconcile scans run in hub mode");
        }
        AtomicReference<CoordinatorService> started = new AtomicReference<>();
        try (UntilStopped running = life.enter();
             AwsClients clients = new AwsClients(null, 16, Duration.ofSeconds(30));
             ManagementServer server = management.start(() -> started.get() == null || started.get().alive(),
                     () -> started.get() != null && started.get().ready());
             CoordinatorService service = new CoordinatorService(settings, new ScanPlanner(clients, tokens), events, rescans,
                     server.registry())) {
            started.set(service);
            server.gauge("eksfleet.coordinator.running.scans", "Scans the coordinator follows", service::runningScans);
            service.start(DurationOption.parse(spec, readyTimeout, "--ready-timeout"));
            err.printf("eksfleet coordinator: taking scan requests%s on %s%s%s%n", events == null ? "" : " and account events",
                    kafka.bootstrapServers, rescans == null ? "" : ", reconcile scans every " + rescanEvery, management.describe());
            err.flush();
            life.await();
            err.println("eksfleet coordinator: stopping");
            err.flush();
        }
        return 0;
    }

    /** How account events are scanned, or null without --assume-role: then the coordinator leaves them alone. */
    private AccountEventScans eventScans() {
        HubSource hub = hubOptions.hub(spec, regions.choice(spec).regions());
        if (hub == null) {
            return null;
        }
        Duration window = DurationOption.parse(spec, accessRetryWindow, "--access-retry-window");
        RegionsOption.Choice choice = regions.choice(spec);
        // The scan outlives the window by the time a scan of one account takes once its role works.
        return new AccountEventScans(hubOptions.access(hub), choice.regions(), choice.mode(), window,
                window.plus(EVENT_SCAN_AFTER_ACCESS));
    }

    /** Stops the coordinator, as SIGTERM does. */
    public void stop() {
        life.stop();
    }
}
