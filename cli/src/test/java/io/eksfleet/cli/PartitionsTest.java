package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.AccountStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import io.eksfleet.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More partitions than the default, on a real broker with a coordinator and six workers (hub mode, this JVM): stage
 * topics created with 96 partitions shared by six workers, and a running fleet's stage topics raised from 24 to 96
 * partitions mid-scan as docs/operations.md says. Each scan ends with exactly the organisation's clusters, and the
 * workers' task counters show every task done once: none lost, none repeated.
 */
class PartitionsTest {

    static final String ROLE = "EksFleetReader";
    static final int REGIONS = 3;
    static final Organization ORG = OrgGenerator.generate(240, REGIONS, 480, 9601);
    static final int WORKERS = 6;
    /** The AWS latency of the scans whose partitions are raised while they run. */
    static final String RAISED_LATENCY = "fixed:300ms";

    @TempDir
    Path dir;

    @Test
    void sixWorkersShareStageTopicsOfNinetySixPartitions() throws Exception {
        try (ScanFixture fixture = fixture(RateLimits.UNLIMITED)) {
            List<RunningRole> fleet = fleet(fixture, "--stage-partitions", "96");
            try {
                Map<String, Integer> counts = partitionCounts(fixture);
                for (Topic<?> stage : Topics.STAGES) {
                    for (Topic<?> topic : List.of(stage, Topics.retryOf(stage), Topics.deadLetterOf(stage))) {
                        assertThat(counts.get(topic.name())).as(topic.name()).isEqualTo(96);
                    }
                }
                assertThat(counts.get(Topics.RESULTS.name())).isEqualTo(Topics.RESULTS.partitions());
                assertBalanced(fixture);

                CliRun run = scan(fixture).get(4, TimeUnit.MINUTES);
                assertEveryTaskDoneOnce(run, fleet);
                assertThat(fixture.sim.calls().count(Api.STS_ASSUME_ROLE)).as("one role per account for the fleet").isEqualTo(active());
            } finally {
                close(fleet);
            }
        }
    }

    /**
     * The stage topics and their retry and dead-letter topics raised from 24 to 96 partitions a third into a scan,
     * under AWS's rate limits: tasks of one account are for a moment on two workers (their partition number moves),
     * and the scan still ends with every task done once. The brokers take the same CreatePartitions request that
     * {@code kafka-topics.sh --alter --partitions} sends; the clients look at the metadata every second, not every five
     * minutes, so the change reaches them within the scan.
     */
    @Test
    void raisingThePartitionsOfARunningFleetLosesAndRepeatsNoTask() throws Exception {
        try (ScanFixture fixture = fixture(RateLimits.AWS_DEFAULTS, RAISED_LATENCY)) {
            List<RunningRole> fleet = fleet(fixture, "--kafka-property", "metadata.max.age.ms=1000");
            try {
                assertThat(partitionCounts(fixture).get(Topics.CLUSTERS.name())).isEqualTo(24);
                long started = System.nanoTime();
                CompletableFuture<CliRun> run = scan(fixture);
                // The first accounts started: their tasks are on the old partitions, and nearly all region and cluster
                // tasks are yet to be published. A broker takes a while to create 648 partitions.
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> fixture.sim.calls().count(Api.STS_ASSUME_ROLE) >= WORKERS);
                long raisedAfter = (System.nanoTime() - started) / 1_000_000;
                raise(fixture);
                Awaitility.await("the brokers have the new partitions").atMost(Duration.ofMinutes(2))
                        .until(() -> partitionCounts(fixture).get(Topics.ACCOUNTS.name()) == 96);
                long visibleAfter = (System.nanoTime() - started) / 1_000_000;
                long describedAtChange = fixture.sim.calls().count(Api.EKS_DESCRIBE_CLUSTER);
                assertThat(describedAtChange).as("raised mid-scan").isLessThan(ORG.clusters().count());

                assertEveryTaskDoneOnce(run.get(4, TimeUnit.MINUTES), fleet);
                long scanMs = (System.nanoTime() - started) / 1_000_000;
                try (Admin admin = admin(fixture)) {
                    long onNewPartitions = endOffsets(admin, Topics.CLUSTERS.name(), 24, 96);
                    System.out.printf("partitions raised %d ms into a %d ms scan (on the brokers after %d ms), at %d of %d clusters"
                                    + " described; %d of %d cluster tasks on the new partitions; %d AssumeRole calls for %d accounts%n",
                            raisedAfter, scanMs, visibleAfter,
                            describedAtChange, ORG.clusters().count(), onNewPartitions, endOffsets(admin, Topics.CLUSTERS.name(), 0, 96),
                            fixture.sim.calls().count(Api.STS_ASSUME_ROLE), active());
                    assertThat(onNewPartitions).as("tasks went to the new partitions during the scan").isPositive();
                    for (Topic<?> stage : Topics.STAGES) {
                        assertThat(endOffsets(admin, Topics.deadLetterOf(stage).name(), 0, 96)).as("nothing dead-lettered").isZero();
                    }
                }
                assertBalanced(fixture);
                // Each worker's fleet-wide budgets follow its share of the raised partitions: the fleet's total stays AWS's.
                Awaitility.await("the budgets follow").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(sum(fleet, "eksfleet_worker_budget_configured_rps\\{family=\"sso\"[^}]*\\} (\\S+)"))
                                .isCloseTo(BudgetConfig.DEFAULTS.ssoRps(), offset(0.1)));
            } finally {
                close(fleet);
            }
        }
    }

    /**
     * A scan with workers of its own on a given broker, whose consumer groups are its own and start at the end of
     * their partitions: a partition added while it runs is read from its first record, or the tasks written there
     * before the group took it would be lost.
     */
    @Test
    void aScansOwnWorkersReadPartitionsAddedWhileItRuns() throws Exception {
        try (ScanFixture fixture = fixture(RateLimits.UNLIMITED, RAISED_LATENCY)) {
            CompletableFuture<CliRun> run = scan(fixture, "--workers", "3", "--max-in-flight", "8",
                    "--kafka-property", "metadata.max.age.ms=1000");
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> fixture.sim.calls().count(Api.STS_ASSUME_ROLE) >= WORKERS);
            raise(fixture);
            assertFoundOnce(run.get(4, TimeUnit.MINUTES));
            try (Admin admin = admin(fixture)) {
                assertThat(endOffsets(admin, Topics.CLUSTERS.name(), 24, 96)).as("tasks went to the new partitions").isPositive();
            }
        }
    }

    /**
     * The stage topics and their retry and dead-letter topics to 96 partitions, as docs/operations.md says, in the two
     * requests that its two loops of {@code kafka-topics.sh --alter} amount to.
     */
    private static void raise(ScanFixture fixture) throws Exception {
        try (Admin admin = admin(fixture)) {
            // Retry and dead-letter topics first: they never have fewer partitions than their stage.
            Map<String, NewPartitions> derived = new HashMap<>();
            Topics.STAGES.forEach(s -> derived.put(Topics.retryOf(s).name(), NewPartitions.increaseTo(96)));
            Topics.STAGES.forEach(s -> derived.put(Topics.deadLetterOf(s).name(), NewPartitions.increaseTo(96)));
            admin.createPartitions(derived).all().get(30, TimeUnit.SECONDS);
            admin.createPartitions(Topics.STAGES.stream().collect(Collectors.toMap(Topic::name, s -> NewPartitions.increaseTo(96))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private ScanFixture fixture(RateLimits limits) throws Exception {
        return fixture(limits, "fixed:200ms");
    }

    /**
     * {@code latency} a call and 4 in flight per worker keep a scan going long enough to change the partitions under
     * it: a broker on a busy machine takes seconds to create hundreds of partitions.
     */
    private ScanFixture fixture(RateLimits limits, String latency) throws Exception {
        ScanFixture fixture = new ScanFixture(SimulatorConfig.builder().org(ORG).limits(limits)
                .latency(LatencySettings.parse(List.of(latency))), ScanFixture.Broker.embedded());
        fixture.hubIdentity(ORG);
        return fixture;
    }

    /** A coordinator and six workers, each its own command as a pod runs it, with {@code options}. */
    private static List<RunningRole> fleet(ScanFixture fixture, String... options) {
        List<RunningRole> fleet = new ArrayList<>();
        fleet.add(RunningRole.coordinator(fixture.bootstrapServers(), ROLE, options));
        for (int i = 0; i < WORKERS; i++) {
            List<String> args = new ArrayList<>(List.of("--management-port", "0", "--max-in-flight", "4"));
            args.addAll(List.of(options));
            fleet.add(RunningRole.worker(fixture.bootstrapServers(), args.toArray(String[]::new)));
        }
        return fleet;
    }

    /** Stops the roles all at once, as a deployment deleted stops its pods. */
    private static void close(List<RunningRole> fleet) {
        CompletableFuture.allOf(fleet.stream().map(role -> CompletableFuture.runAsync(() -> {
            try {
                role.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    /** A scan of the organisation in hub mode, by the fleet ({@code --workers 0}) unless {@code extra} says otherwise. */
    private CompletableFuture<CliRun> scan(ScanFixture fixture, String... extra) {
        List<String> args = new ArrayList<>(List.of("scan", "--assume-role", ROLE, "--workers", "0",
                "--bootstrap-servers", fixture.bootstrapServers(), "--connect-timeout", "60s", "--scan-timeout", "4m",
                "--kubeconfig", dir.resolve("kubeconfig").toString(), "--aws-config", dir.resolve("aws-config").toString(),
                "--output", "json"));
        if (extra.length > 0 && extra[0].equals("--workers")) {
            args.remove(args.indexOf("--workers") + 1);
            args.remove("--workers");
        }
        args.addAll(List.of(extra));
        return CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
    }

    /**
     * The scan found exactly the organisation's clusters, each once, and the workers' counters show one finished
     * attempt per task: a lost task would leave its cluster out, a repeated one would count twice.
     */
    private void assertEveryTaskDoneOnce(CliRun run, List<RunningRole> fleet) throws Exception {
        long clusters = assertFoundOnce(run);
        Awaitility.await("every task counted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(done(fleet, "accounts")).isEqualTo(active());
            assertThat(done(fleet, "regions")).isEqualTo(active() * REGIONS);
            assertThat(done(fleet, "clusters")).isEqualTo(clusters);
        });
    }

    /** The scan's kubeconfig and report hold exactly the organisation's clusters, each once; returns how many it found. */
    private long assertFoundOnce(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Set<String> expected = ScanFixture.connectable(ORG).stream().map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        Map<String, Object> kube = ScanEndToEndTest.yaml(dir.resolve("kubeconfig"));
        assertThat(ScanEndToEndTest.names(kube, "clusters")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ScanEndToEndTest.names(kube, "contexts")).doesNotHaveDuplicates().hasSize(expected.size());
        Map<?, ?> report = Messages.MAPPER.readValue(run.out(), Map.class);
        long clusters = ORG.clusters().filter(c -> c.account().status() == AccountStatus.ACTIVE).count();
        assertThat(((Map<?, ?>) report.get("accounts")).get("scanned")).isEqualTo((int) active());
        assertThat(((Map<?, ?>) report.get("regions")).get("scanned")).isEqualTo((int) active() * REGIONS);
        assertThat(((Map<?, ?>) report.get("clusters")).get("found")).isEqualTo((int) clusters);
        assertThat((List<?>) report.get("failures")).isEmpty();
        return clusters;
    }

    private static long active() {
        return ORG.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE).count();
    }

    /** Finished task attempts of {@code stage}, over the fleet's workers. */
    private static long done(List<RunningRole> fleet, String stage) throws Exception {
        return (long) sum(fleet, "eksfleet_worker_tasks_total\\{outcome=\"done\",stage=\"" + stage + "\"[^}]*\\} (\\S+)");
    }

    /** The sum over the fleet's workers of the metric lines {@code line} matches (its group: the value). */
    private static double sum(List<RunningRole> fleet, String line) throws Exception {
        Pattern pattern = Pattern.compile(line);
        double sum = 0;
        for (RunningRole role : fleet.subList(1, fleet.size())) {
            Matcher m = pattern.matcher(ManagementEndpoint.get(role.err(), "/metrics"));
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    private static Admin admin(ScanFixture fixture) {
        return Admin.create(Map.of("bootstrap.servers", fixture.bootstrapServers()));
    }

    private static Map<String, Integer> partitionCounts(ScanFixture fixture) throws Exception {
        try (Admin admin = admin(fixture)) {
            return admin.describeTopics(Topics.all().stream().map(Topic::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
        }
    }

    /**
     * Each of the six workers comes to own 16 partition numbers, the same in each stage topic (account affinity); a
     * cooperative rebalance hands over what moves in a second round.
     */
    private static void assertBalanced(ScanFixture fixture) {
        Awaitility.await("the group shares the 96 numbers").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Set<Integer>> owned = stageNumbers(fixture);
            assertThat(owned).hasSize(WORKERS);
            assertThat(owned.values()).allSatisfy(numbers -> assertThat(numbers).hasSize(16));
            assertThat(owned.values().stream().flatMap(Set::stream).collect(Collectors.toSet())).hasSize(96);
        });
    }

    /** Per member of the workers' stage group, the partition numbers it owns; each must own the same ones in every stage topic. */
    private static Map<String, Set<Integer>> stageNumbers(ScanFixture fixture) throws Exception {
        try (Admin admin = admin(fixture)) {
            Map<String, Set<Integer>> owned = new HashMap<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(Worker.STAGE_GROUP)).all().get(30, TimeUnit.SECONDS)
                    .get(Worker.STAGE_GROUP).members()) {
                Map<String, Set<Integer>> byTopic = member.assignment().topicPartitions().stream().collect(Collectors.groupingBy(
                        TopicPartition::topic, Collectors.mapping(TopicPartition::partition, Collectors.toCollection(TreeSet::new))));
                assertThat(byTopic).as(member.consumerId()).hasSize(Topics.STAGES.size());
                assertThat(new java.util.HashSet<>(byTopic.values())).as("co-partitioned: " + byTopic).hasSize(1);
                owned.put(member.consumerId(), byTopic.values().iterator().next());
            }
            return owned;
        }
    }

    /** The records written to partitions {@code from} (inclusive) to {@code to} of {@code topic}. */
    private static long endOffsets(Admin admin, String topic, int from, int to) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = from; i < to; i++) {
            latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }
}
