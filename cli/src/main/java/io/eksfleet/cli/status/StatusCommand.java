package io.eksfleet.cli.status;

import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.coordinator.CoordinatorService;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.cli.runtime.CommandFailed;
import io.eksfleet.coordinator.ScanException;
import io.eksfleet.coordinator.ScanTracker;

import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.scan.ScanFollower;

import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.Stage;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eksfleet status SCAN_ID}: a scan's state, rebuilt from its events on the results topic. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows where a scan stands, from its events on the results topic (any scan of the last "
                + CoordinatorService.REBUILD_HOURS + " hours).",
            "Exit code: 0 finished complete, 2 finished with failures or timed out, 3 still running, 1 unknown scan or error."})
public final class StatusCommand implements Callable<Integer> {

    static final int RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCAN_ID", description = "The id `eksfleet scan --detach` printed.")
    String scanId;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        KafkaClients settings = kafka.required(spec);
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.ensureTopics(settings, timeout, kafka.topicLayout(spec));
        try (ScanFollower follower = new ScanFollower(settings, scanId, Instant.now().minus(Duration.ofHours(CoordinatorService.REBUILD_HOURS)))) {
            if (!follower.awaitCaughtUp(timeout)) {
                throw new CommandFailed("could not read the results topic within " + timeout.toSeconds() + " s");
            }
            Map<Stage, ScanTracker.StageProgress> progress = follower.progress();
            ScanEvent.ScanFinished finished = follower.finishedOrNull();
            if (progress.isEmpty() && finished == null) {
                throw new ScanException("no scan " + scanId + " on the results topic of the last " + CoordinatorService.REBUILD_HOURS
                        + " hours: check the id (eksfleet scan --detach prints it)");
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("scanId", scanId);
            status.put("status", finished == null ? "running" : finished.status());
            if (finished != null && finished.error() != null) {
                status.put("error", finished.error());
            }
            Map<String, Object> stages = new LinkedHashMap<>();
            progress.forEach((stage, p) -> stages.put(stage.name().toLowerCase(), Map.of("planned", p.planned(), "done", p.done())));
            status.put("stages", stages);
            if (finished != null) {
                status.put("counts", finished.counts());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format.structured()) {
                out.print(format.render(Messages.MAPPER.writeValueAsString(status)));
            } else {
                out.printf("scan %s: %s%n", scanId, status.get("status"));
                if (status.containsKey("error")) {
                    out.printf("  error: %s%n", status.get("error"));
                }
                progress.forEach((stage, p) -> out.printf("  %-9s %d/%d done%n", stage.name().toLowerCase(), p.done(), p.planned()));
                if (finished != null) {
                    finished.counts().forEach((k, v) -> out.printf("  %s=%d%n", k, v));
                }
            }
            out.flush();
            if (finished == null) {
                return RUNNING;
            }
            return switch (finished.status()) {
                case COMPLETE -> 0;
                case ERROR -> 1;
                case COMPLETED_WITH_FAILURES, TIMEOUT -> 2;
            };
        }
    }
}
