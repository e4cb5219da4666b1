package io.eksfleet.cli.deadletters;

import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanTracker;

import io.eksfleet.cli.options.DurationOption;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.worker.WorkerOptions;
import io.eksfleet.cli.worker.WorkerPool;
import io.eksfleet.cli.worker.WorkerTuning;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.StageTask;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eksfleet dead-letters}: lists the stages' dead letters with their reasons, and replays them. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the tasks the stages gave up on, with the reason.",
            "With --replay it puts them back on their stage topics (once the cause is fixed) and waits until they are done.",
            "Exit code: 0 nothing dead-lettered (or every replayed task done), 2 otherwise, 1 could not run."})
public final class DeadLettersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scan", paramLabel = "ID", description = "Only this scan's dead letters.")
    String scanId;

    @Option(names = "--replay", description = "Put the dead letters back on their stage topics and wait for them.")
    boolean replay;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "With --replay: workers in this process (0 when a running fleet will take the tasks). Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--wait", defaultValue = "5m", paramLabel = "D", description = "With --replay: how long to wait. Default: ${DEFAULT-VALUE}.")
    String waitFor;

    @Mixin
    WorkerOptions tuning;

    @Mixin
    KafkaOptions kafkaOptions;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        if (workers < 0) {
            throw new ParameterException(spec.commandLine(), "--workers cannot be negative");
        }
        KafkaClients kafka = kafkaOptions.required(spec);
        TopicAdmin.ensureTopics(kafka, kafkaOptions.connectTimeout(spec), kafkaOptions.topicLayout(spec));
        DeadLetters deadLetters = new DeadLetters(kafka);
        List<DeadLetter> letters = deadLetters.read(scanId);
        PrintWriter out = spec.commandLine().getOut();
        if (!replay) {
            if (format.structured()) {
                out.print(format.render(Messages.MAPPER.writeValueAsString(letters.stream().map(DeadLetters::describe).toList())));
            } else {
                out.printf("%d dead letters%s%n", letters.size(), scanId == null ? "" : " of scan " + scanId);
                letters.forEach(l -> out.printf("  %s %s  %s: %s (after %d attempts)%n", l.topic(), l.key(),
                        l.errorCode(), l.message(), l.attempts()));
            }
            out.flush();
            return letters.isEmpty() ? 0 : 2;
        }
        return replay(kafka, deadLetters, letters, out);
    }

    private int replay(KafkaClients kafka, DeadLetters deadLetters, List<DeadLetter> letters, PrintWriter out)
            throws InterruptedException {
        List<StageTask> tasks = letters.stream().map(DeadLetters::task).filter(java.util.Objects::nonNull).toList();
        Map<String, ScanTracker> trackers = new LinkedHashMap<>();
        tasks.stream().collect(Collectors.groupingBy(StageTask::scanId)).forEach((scan, list) -> trackers.put(scan,
                new ScanTracker(scan, list.stream().map(t -> new ScanTracker.PlannedTask(t.stage(),
                        t.stage().taskKey(t.accountId(), t.regionOrNull(), t.clusterOrNull()))).toList())));
        WorkerTuning t = tuning.resolve();
        // The tasks go to this process's own workers, or (none here) to the fleet's.
        String ownWorkers = workers == 0 ? null : "replay-" + java.util.UUID.randomUUID();
        SsoTokenCache tokens = new SsoTokenCache(tuning.ssoCache(), Clock.systemUTC(), AwsClients.tokenRefresher(null));
        Map<String, ScanOutcome> outcomes;
        try (AwsClients clients = new AwsClients(null, t.maxInFlight(), t.calls().timeout());
             WorkerPool pool = new WorkerPool(workers, kafka, clients, tokens, t, ownWorkers)) {
            pool.awaitAssignment(Duration.ofSeconds(30));
            outcomes = new ReplayFollower(kafka).follow(trackers, () -> deadLetters.replay(letters, ownWorkers), duration(waitFor, "--wait"),
                    () -> { });
        }
        int failed = outcomes.values().stream().mapToInt(o -> o.failures().size()).sum();
        int found = outcomes.values().stream().mapToInt(o -> o.clusters().size()).sum();
        boolean timedOut = outcomes.values().stream().anyMatch(ScanOutcome::timedOut);
        out.printf("replayed %d dead letters (%d unreadable left in place): %d clusters found, %d tasks failed again%s%n",
                tasks.size(), letters.size() - tasks.size(), found, failed, timedOut ? ", some still running at the end of --wait" : "");
        outcomes.values().forEach(o -> o.failures().forEach(f -> out.printf("  failed again: %s %s%s: %s %s%n",
                f.stage().name().toLowerCase(), f.accountId(), f.region() == null ? "" : " " + f.region(), f.errorCode(), f.message())));
        out.flush();
        return failed == 0 && !timedOut ? 0 : 2;
    }

    private Duration duration(String text, String option) {
        return DurationOption.parse(spec, text, option);
    }
}
