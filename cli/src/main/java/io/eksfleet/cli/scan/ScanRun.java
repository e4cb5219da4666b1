package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.ScanLauncher;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanPlanner;
import io.eksfleet.coordinator.ScanPublisher;
import io.eksfleet.coordinator.ScanTracker;

import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.worker.WorkerPool;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.eksfleet.scan.ClusterRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * One scan from start to end: checks the inputs (SSO login, output files, Kafka) before touching anything,
 * then either runs the coordinator and workers in this process (on an embedded or given broker) or submits
 * the scan to a running fleet's coordinator ({@code --workers 0}); follows the scan's events; writes the
 * kubeconfig and AWS profiles; reports.
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

    /**
     * The finished scan's report, or only the scan id when detached; bad input throws a {@link ScanException}
     * or an output exception first.
     */
    public Result execute() throws IOException, InterruptedException {
        Instant started = Instant.now();
        SsoTokenCache tokens = new SsoTokenCache(settings.ssoCache(), Clock.systemUTC());
        if (settings.sso() != null) {
            tokens.read(settings.sso());
        }
        OutputWriter outputs = new OutputWriter(settings.output());
        if (!settings.detach()) {
            outputs.check().forEach(note -> err.println("eksfleet: " + note));
        }
        try (EmbeddedBroker embedded = settings.kafka() == null ? EmbeddedBroker.start() : null;
             AwsClients clients = new AwsClients(settings.endpoint(), settings.tuning().maxInFlight(), settings.tuning().calls().timeout())) {
            Map<String, Object> kafka = settings.kafka() != null ? settings.kafka()
                    : Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
            TopicAdmin.ensureTopics(kafka, settings.connectTimeout());
            String scanId = UUID.randomUUID().toString();
            try (WorkerPool workers = new WorkerPool(settings.workers(), kafka, clients, tokens, settings.tuning());
                 ScanPublisher publisher = new ScanPublisher(kafka);
                 ScanFollower follower = new ScanFollower(kafka, scanId)) {
                workers.awaitAssignment(settings.connectTimeout());
                Instant scanStarted = Instant.now();
                ScanEvent.ScanStarted plan;
                if (settings.workers() == 0) {
                    publisher.send(Topics.REQUESTS, List.of(settings.request(scanId)), r -> r.scanId());
                    if (settings.detach()) {
                        return new Result(scanId, null, null);
                    }
                    plan = follower.awaitStarted(settings.connectTimeout(), "no coordinator took scan " + scanId + " within "
                            + settings.connectTimeout().toSeconds() + " s: start one with eksfleet coordinator --bootstrap-servers "
                            + kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " (see eksfleet status " + scanId + ")");
                } else {
                    new ScanLauncher(new ScanPlanner(clients, tokens), publisher).launch(settings.request(scanId));
                    plan = follower.awaitStarted(settings.connectTimeout(), "scan " + scanId + " did not start");
                }
                err.printf("eksfleet: scan %s of %d accounts (%s)%n", scanId, plan.accounts().size(), settings.source());
                err.flush();
                ScanOutcome outcome = follower.awaitOutcome(() -> progress(follower.progress()));
                if (settings.workers() > 0) {
                    publisher.event(outcome.finished(plan.notVisible()));
                }
                if (terminal) {
                    err.println();
                }
                OutputWriter.Written written = write(outputs, outcome);
                return new Result(scanId, new ScanReport(plan, outcome, written, workers.stats(), scanStarted,
                        Duration.between(scanStarted, Instant.now()), Duration.between(started, scanStarted)), written);
            }
        }
    }

    /**
     * A scan's clusters; {@code --prune} removes the entries of clusters that complete listings of their account
     * and region no longer show, or that can no longer be connected to (deleting, failed).
     */
    private OutputWriter.Written write(OutputWriter outputs, ScanOutcome outcome) {
        Set<String> keep = new HashSet<>();
        outcome.clusters().stream().filter(ClusterRecord::reachable).forEach(c -> keep.add(c.arn()));
        return outputs.write(outcome.clusters(), settings.access(), arn -> {
            String[] parts = arn.split(":");
            return !keep.contains(arn) && outcome.regionComplete(parts[4], parts[3]);
        });
    }

    /** A finished scan: its report, and the rendered kubeconfig when it was a dry run; only the id when detached. */
    public record Result(String scanId, ScanReport report, OutputWriter.Written written) {
        public int exitCode() {
            return report == null ? 0 : report.exitCode();
        }

        public String summary() {
            return report == null ? scanId + "\n" : report.summary();
        }

        public String json() {
            return report == null ? "{\"scanId\":\"" + scanId + "\"}" : report.json();
        }
    }

    private void progress(Map<Stage, ScanTracker.StageProgress> progress) {
        if (progress.isEmpty()) {
            return;
        }
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
