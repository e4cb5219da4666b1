package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.CoordinatorGroup;
import io.eksfleet.coordinator.ScanEnding;
import io.eksfleet.coordinator.ScanException;
import io.eksfleet.coordinator.ScanLauncher;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.PlannedScan;
import io.eksfleet.coordinator.ScanPlanner;
import io.eksfleet.coordinator.ScanPublisher;

import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.worker.WorkerPool;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.cli.runtime.ProcessExit;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicAdmin;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.eksfleet.scan.ClusterArn;
import io.eksfleet.scan.ClusterRecord;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One scan from start to end: checks the inputs (SSO login, output files, Kafka) before touching anything,
 * then either runs the scan with workers in this process (on an embedded or given broker: it plans and launches
 * the scan, and ends it through {@link ScanEnding} as the scan's owner) or submits the scan to a running fleet's
 * coordinator ({@code --workers 0}); follows the scan's events; writes the kubeconfig and AWS profiles; reports.
 */
public final class ScanRun {

    /**
     * Partitions per topic on the embedded broker, per worker of the process: enough for a worker's consumer to
     * keep starting tasks while some partitions wait on a slow one, few enough to start and commit quickly.
     */
    static final int EMBEDDED_PARTITIONS_PER_WORKER = 3;

    /** How long a coordinator that is joining its group (a restart, a rebalance) is waited for. */
    static final Duration COORDINATOR_WAIT = Duration.ofSeconds(5);

    private final ScanSettings settings;
    private final PrintWriter err;
    private final ScanProgress.Screen screen;

    /**
     * @param terminal whether stderr is a terminal, where the progress is drawn as bars
     * @param colour whether those bars may be coloured
     */
    public ScanRun(ScanSettings settings, PrintWriter err, boolean terminal, boolean colour) {
        this.settings = settings;
        this.err = err;
        this.screen = ScanProgress.Screen.of(terminal, colour);
    }

    /** What the command does with the finished scan (prints it, writes the report), before anything is closed. */
    @FunctionalInterface
    public interface Finish {
        int accept(Result result) throws IOException;
    }

    /**
     * Runs the scan and hands its result to {@code finish}: the report, or only the scan id when detached; bad
     * input throws a {@link ScanException} or an output exception first. Returns what {@code finish} returns.
     *
     * <p>With the embedded broker, nobody else uses the broker, the workers or their consumer groups, so when
     * this is the process's one command ({@link ProcessExit}) it ends as soon as {@code finish} returns,
     * without the orderly close of all of them. A scan on a given broker always leaves its groups in order, so
     * the next scan does not wait for this one's members to time out.
     */
    public int execute(Finish finish) throws IOException, InterruptedException {
        Instant started = Instant.now();
        // The embedded broker takes the longest to start: it starts first, and the checks run meanwhile.
        try (EmbeddedBroker.Starting broker = settings.kafka() == null ? EmbeddedBroker.startInBackground() : null) {
            SsoTokenCache tokens = new SsoTokenCache(settings.ssoCache(), Clock.systemUTC(), AwsClients.tokenRefresher(settings.endpoint()));
            if (settings.access().usesSso()) {
                tokens.read(settings.access().sso());
            }
            OutputWriter outputs = new OutputWriter(settings.output());
            if (!settings.detach()) {
                outputs.check().forEach(note -> err.println("eksfleet: " + note));
            }
            String scanId = UUID.randomUUID().toString();
            ScanRequest request = settings.request(scanId);
            try (AwsClients clients = new AwsClients(settings.endpoint(), settings.tuning().maxInFlight(), settings.tuning().calls().timeout())) {
                // The plan's AWS calls (ListAccounts) wait on the network while the broker and the workers start.
                PlannedScan planned = settings.workers() == 0 ? null
                        : new ScanPlanner(clients, tokens).planAhead(request);
                EmbeddedBroker embedded = broker == null ? null : broker.get();
                KafkaClients kafka = embedded == null ? settings.kafka()
                        : KafkaClients.at(embedded.bootstrapServers());
                // Nobody else uses an embedded broker's partitions: a few per topic keep its start and its metadata small.
                TopicAdmin.ensureTopics(kafka, settings.connectTimeout(), embedded == null ? settings.topics()
                        : settings.topics().capped(EMBEDDED_PARTITIONS_PER_WORKER * settings.workers()));
                try (WorkerPool workers = new WorkerPool(settings.workers(), kafka, clients, tokens, settings.tuning(), request.workers());
                     ScanPublisher publisher = new ScanPublisher(kafka);
                     ScanFollower follower = new ScanFollower(kafka, scanId)) {
                    int code = finish.accept(follow(request, kafka, workers, publisher, follower, planned, outputs, started));
                    if (embedded != null) {
                        ProcessExit.now(code);
                    }
                    return code;
                }
            }
        }
    }

    private Result follow(ScanRequest request, KafkaClients kafka, WorkerPool workers, ScanPublisher publisher,
                          ScanFollower follower, PlannedScan planned, OutputWriter outputs,
                          Instant started) throws InterruptedException {
        String scanId = request.scanId();
        workers.awaitAssignment(settings.connectTimeout());
        Instant scanStarted = Instant.now();
        // This process ends the scans its own workers run; a fleet's coordinator ends the others.
        ScanEnding ending = ScanEnding.ofOwnWorkers(publisher, request.workers());
        ScanEvent.ScanStarted plan;
        String accounts;
        if (settings.workers() == 0) {
            Object servers = kafka.bootstrapServers();
            String startOne = "start one with eksfleet coordinator --bootstrap-servers " + servers;
            boolean coordinator = CoordinatorGroup.hasMember(kafka, Collections.min(List.of(settings.connectTimeout(), COORDINATOR_WAIT)));
            if (!coordinator && !settings.detach()) {
                throw new ScanException("no coordinator is running on Kafka at " + servers
                        + ": " + startOne + ", or scan with workers in this process (leave out --workers 0)");
            }
            publisher.request(request);
            if (settings.detach()) {
                if (!coordinator) {
                    err.println("eksfleet: no coordinator is running: scan " + scanId + " starts once one does (" + startOne + ")");
                }
                return new Result(scanId, null, null);
            }
            plan = follower.awaitStarted(planWait(request), "no coordinator took scan " + scanId + " within "
                    + planWait(request).toSeconds() + " s: " + startOne + " (see eksfleet status " + scanId + ")");
            accounts = plan.listing() ? "the accounts as they are listed" : plan.accounts().size() + " accounts";
        } else {
            // Returns once the listing's last page is published; this process's workers scan meanwhile.
            accounts = new ScanLauncher(publisher, ending).launch(request, planned) + " accounts";
            plan = follower.awaitStarted(planWait(request), "scan " + scanId + " did not start");
        }
        err.printf("eksfleet: scan %s of %s (%s)%n", scanId, accounts, settings.source());
        err.flush();
        ScanOutcome outcome;
        try (ScanProgress progress = ScanProgress.of(err, screen)) {
            outcome = follower.awaitOutcome(screen != ScanProgress.Screen.LINES ? Duration.ofMillis(250) : Duration.ofSeconds(1),
                    () -> progress.show(follower.progress()));
        }
        ending.end(plan, outcome);
        OutputWriter.Written written = write(outputs, outcome);
        return new Result(scanId, new ScanReport(plan, outcome, written, workers.stats(), scanStarted,
                Duration.between(scanStarted, Instant.now()), Duration.between(started, scanStarted)), written);
    }

    /**
     * How long the start may take: the scan starts once its listing's first page is in, but a coordinator busy
     * listing another organisation of 10,000 accounts (Organizations' 500 pages at its rate, about 50 s) takes
     * longer than Kafka is given to answer.
     */
    private Duration planWait(ScanRequest request) {
        return Collections.max(List.of(settings.connectTimeout(), Duration.ofMillis(request.timeoutMs())));
    }

    /**
     * A scan's clusters; {@code --prune} removes the entries of clusters that complete listings of their account
     * and region no longer show, or that can no longer be connected to (deleting, failed).
     */
    private OutputWriter.Written write(OutputWriter outputs, ScanOutcome outcome) {
        Set<String> keep = new HashSet<>();
        outcome.clusters().stream().filter(c -> c.reachable() && c.perRole().stream().anyMatch(r -> !outputs.leavesOut(r)))
                .forEach(c -> keep.add(c.arn()));
        return outputs.write(outcome.clusters(), settings.access(), arn -> !keep.contains(arn)
                && ClusterArn.tryParse(arn).map(a -> outcome.regionComplete(a.accountId(), a.region())).orElse(false));
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
}
