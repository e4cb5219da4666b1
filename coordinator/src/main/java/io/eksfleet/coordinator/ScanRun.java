package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.broker.EmbeddedBroker;
import io.eksfleet.scan.Stage;
import io.eksfleet.sso.SsoToken;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.TopicAdmin;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * One scan from start to end: checks the inputs (SSO login, output files, Kafka) before touching anything,
 * starts the in-process workers, plans, runs the coordinator, writes the kubeconfig and AWS profiles, and
 * reports.
 */
public final class ScanRun {

    private final ScanSettings settings;
    private final PrintWriter err;
    private final boolean terminal;

    public ScanRun(ScanSettings settings, PrintWriter err, boolean terminal) {
        this.settings = settings;
        this.err = err;
        this.terminal = terminal;
    }

    /** The finished scan's report; bad input throws a {@link ScanException} or an output exception first. */
    public Result execute() throws IOException, InterruptedException {
        Instant started = Instant.now();
        SsoTokenCache tokens = new SsoTokenCache(settings.ssoCache(), Clock.systemUTC());
        SsoToken token = tokens.read(settings.sso());
        OutputWriter outputs = new OutputWriter(settings);
        outputs.check();
        try (EmbeddedBroker embedded = settings.bootstrapServers() == null ? EmbeddedBroker.start() : null;
             AwsClients clients = new AwsClients(settings.endpoint(), settings.tuning().maxInFlight(), settings.tuning().calls().timeout())) {
            String bootstrap = embedded != null ? embedded.bootstrapServers() : settings.bootstrapServers();
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            TopicAdmin.ensureTopics(kafka, settings.connectTimeout());
            try (WorkerPool workers = new WorkerPool(settings.workers(), kafka, clients, tokens, settings.tuning())) {
                workers.awaitAssignment(settings.connectTimeout());
                Instant scanStarted = Instant.now();
                ScanPlan plan = new ScanPlanner(clients).plan(settings, token);
                err.printf("eksfleet: scan %s of %d accounts (%s)%n", plan.scanId(), plan.accounts().size(), settings.sso().startUrl());
                err.flush();
                ScanOutcome outcome = new Coordinator(kafka).run(plan, settings.scanTimeout(), this::progress);
                if (terminal) {
                    err.println();
                }
                OutputWriter.Written written = outputs.write(outcome);
                return new Result(new ScanReport(plan, outcome, written, workers.stats(), scanStarted,
                        Duration.between(scanStarted, Instant.now()), Duration.between(started, scanStarted)), written);
            }
        }
    }

    /** A finished scan: its report, and the rendered kubeconfig when it was a dry run. */
    public record Result(ScanReport report, OutputWriter.Written written) {
        public int exitCode() {
            return report.exitCode();
        }

        public String summary() {
            return report.summary();
        }

        public String json() {
            return report.json();
        }
    }

    private void progress(Map<Stage, ScanTracker.StageProgress> progress) {
        String line = progress.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue().done() + "/" + e.getValue().planned())
                .collect(Collectors.joining(", "));
        if (terminal) {
            err.print("\r  " + line + "   ");
        } else {
            err.println("  progress: " + line);
        }
        err.flush();
    }
}
