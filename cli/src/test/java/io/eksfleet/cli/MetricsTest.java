package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.cli.worker.WorkerCommand;
import io.eksfleet.host.Tools;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /metrics} of a coordinator and a worker, as Prometheus reads them: the JVM's and the process's
 * series, and every eksfleet series from the start with its help text, checked by Prometheus' own promtool
 * where it is installed; then one scan moves the coordinator's counters, and the alert rules and the dashboard
 * in {@code deploy/monitoring} name only series that exist (the rules pass {@code promtool check rules}).
 */
class MetricsTest {

    static final Organization ORG = OrgGenerator.generate(4, 2, 8, 57);
    static final String ROLE = "ReadOnly";
    /** The names of eksfleet's, the JVM's, the process's and the Kafka clients' series in a PromQL text. */
    static final Pattern METRIC = Pattern.compile("\\b(?:eksfleet|jvm|process|kafka)_[a-z0-9_]+");

    @TempDir
    Path dir;
    /** Prometheus' promtool, where it is installed (.ci/run installs it). */
    Optional<Path> promtool;

    @Test
    void everySeriesIsThereFromTheStartWithItsHelpAndAScanMovesTheCoordinatorsCounters() throws Exception {
        promtool = Tools.optional("promtool", "Prometheus' promtool parses /metrics and the alert rules");
        System.setProperty("aws.accessKeyId", ORG.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", ORG.hub().secretAccessKey());
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            WorkerCommand workerCommand = new WorkerCommand();
            CoordinatorCommand coordinatorCommand = new CoordinatorCommand();
            try (RunningRole worker = new RunningRole(workerCommand, workerCommand::stop, "worker(s) on", "--bootstrap-servers",
                    fixture.bootstrapServers(), "--management-port", "0", "--instance-id", "worker-a");
                 RunningRole coordinator = new RunningRole(coordinatorCommand, coordinatorCommand::stop, "taking scan requests",
                    "--bootstrap-servers", fixture.bootstrapServers(), "--management-port", "0")) {
                Exposition workerMetrics = Exposition.parse(checked(ManagementEndpoint.get(worker.err(), "/metrics")));
                Exposition coordinatorMetrics = Exposition.parse(checked(ManagementEndpoint.get(coordinator.err(), "/metrics")));

                for (Exposition m : List.of(workerMetrics, coordinatorMetrics)) {
                    assertThat(m.samples().entrySet().stream().filter(e -> e.getKey().startsWith("jvm_memory_used_bytes{area=\"heap\""))
                            .mapToDouble(Map.Entry::getValue).sum()).as("heap in use").isPositive();
                    assertThat(m.families()).containsKeys("process_cpu_usage", "jvm_gc_live_data_size_bytes", "jvm_threads_live_threads",
                            "process_uptime_seconds", "process_files_open_files");
                }
                for (String status : List.of("complete", "completed-with-failures", "timeout", "error")) {
                    assertThat(coordinatorMetrics.value("eksfleet_coordinator_scans_finished_total{status=\"" + status + "\"}")).isZero();
                }
                for (String outcome : List.of("accepted", "duplicate", "not-succeeded", "unreadable")) {
                    assertThat(coordinatorMetrics.value("eksfleet_coordinator_account_events_total{outcome=\"" + outcome + "\"}")).isZero();
                }
                assertThat(coordinatorMetrics.value("eksfleet_coordinator_scans_started_total")).isZero();
                assertThat(coordinatorMetrics.value("eksfleet_coordinator_inventory_clusters")).isZero();
                assertThat(coordinatorMetrics.families()).containsKeys("eksfleet_coordinator_scan_duration_seconds",
                        "eksfleet_coordinator_clusters_found_total", "eksfleet_coordinator_inventory_oldest_seen_age_seconds");
                coordinatorMetrics.families().forEach((family, help) -> assertThat(help).as(family + " has help").isNotBlank());
                assertThat(workerMetrics.value("eksfleet_worker_budget_configured_rps{family=\"sso\",worker=\"worker-a\"}"))
                        .as("the configured rate before the first call").isPositive();
                assertThat(workerMetrics.value("eksfleet_worker_tasks_total{outcome=\"done\",stage=\"accounts\",worker=\"worker-a\"}")).isZero();
                workerMetrics.families().forEach((family, help) -> assertThat(help).as(family + " has help").isNotBlank());

                CliRun scan = CliRun.of("scan", "--workers", "0", "--assume-role", ROLE, "--bootstrap-servers", fixture.bootstrapServers(),
                        "--kubeconfig", dir.resolve("kubeconfig").toString(), "--aws-config", dir.resolve("aws-config").toString());
                assertThat(scan.exitCode()).as(scan.err()).isZero();
                long clusters = ORG.clusters().count();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Exposition.parse(ManagementEndpoint.get(coordinator.err(),
                        "/metrics")).value("eksfleet_coordinator_scans_finished_total{status=\"complete\"}") == 1);
                Exposition after = Exposition.parse(ManagementEndpoint.get(coordinator.err(), "/metrics"));
                assertThat(after.value("eksfleet_coordinator_scans_started_total")).isEqualTo(1);
                assertThat(after.value("eksfleet_coordinator_scan_duration_seconds_count")).isEqualTo(1);
                assertThat(after.value("eksfleet_coordinator_clusters_found_total")).isEqualTo(clusters);
                assertThat(after.value("eksfleet_coordinator_inventory_clusters")).isEqualTo(clusters);
                Exposition workerAfter = Exposition.parse(ManagementEndpoint.get(worker.err(), "/metrics"));
                assertThat(workerAfter.value("eksfleet_worker_tasks_total{outcome=\"done\",stage=\"accounts\",worker=\"worker-a\"}"))
                        .isEqualTo(ORG.accounts().size());

                // A worker's series stay bounded however many partitions it owns: client-wide Kafka metrics only.
                assertThat(workerAfter.samples().keySet()).as("a worker's series").hasSizeLessThan(400)
                        .noneMatch(s -> s.startsWith("kafka_") && (s.contains("partition=") || s.contains("topic=") || s.contains("node_id=")));
                for (String histogram : List.of("eksfleet_coordinator_scan_duration_seconds", "eksfleet_coordinator_cluster_event_latency_seconds")) {
                    assertThat(after.samples().keySet().stream().filter(s -> s.startsWith(histogram + "_bucket{"))).as(histogram + "'s buckets")
                            .hasSizeBetween(10, 16);
                }
                java.util.Set<String> exposed = new java.util.HashSet<>();
                for (Exposition e : List.of(after, workerAfter)) {
                    exposed.addAll(e.families().keySet());
                    e.samples().keySet().forEach(series -> exposed.add(series.replaceFirst("\\{.*", "")));
                }
                Path monitoring = io.eksfleet.bench.LocalFleet.checkout().resolve("deploy/monitoring");
                String rules = Files.readString(monitoring.resolve("eksfleet-alerts.yaml"));
                String dashboard = Files.readString(monitoring.resolve("eksfleet-dashboard.json"));
                io.eksfleet.topic.Messages.MAPPER.readTree(dashboard).path("panels").forEach(panel -> assertThat(panel.path("targets"))
                        .as(panel.path("title").asString()).isNotEmpty());
                for (String source : List.of(rules, dashboard)) {
                    Matcher names = METRIC.matcher(source);
                    int named = 0;
                    while (names.find()) {
                        assertThat(exposed).as("a metric the alerts or the dashboard name").contains(names.group());
                        named++;
                    }
                    assertThat(named).isGreaterThan(5);
                }
                if (promtool.isPresent()) {
                    Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", monitoring.resolve("eksfleet-alerts.yaml").toString())
                            .redirectErrorStream(true).redirectOutput(dir.resolve("rules.out").toFile()).start();
                    assertThat(check.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    assertThat(check.exitValue()).as(Files.readString(dir.resolve("rules.out"))).isZero();
                }
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    /**
     * The text, after Prometheus' promtool has parsed it and found nothing to say about eksfleet's series (where
     * promtool is installed).
     */
    private String checked(String exposition) throws Exception {
        if (promtool.isPresent()) {
            Path file = Files.writeString(dir.resolve("metrics.txt"), exposition);
            Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.out").toFile()).start();
            assertThat(check.waitFor(1, TimeUnit.MINUTES)).isTrue();
            String said = Files.readString(dir.resolve("promtool.out"));
            // 0: clean; 3: parsed, with lint remarks (the Kafka client's and Micrometer's own names draw some); 1: not parsed.
            assertThat(check.exitValue()).as(said).isIn(0, 3);
            assertThat(said.lines()).as("lint remarks on eksfleet's own series").noneMatch(line -> line.startsWith("eksfleet_"));
        }
        return exposition;
    }

    /** Families with their help, and samples by name and labels, as the Prometheus text format writes them. */
    record Exposition(Map<String, String> families, Map<String, Double> samples) {

        private static final Pattern HELP = Pattern.compile("^# HELP (\\S+) ?(.*)$");
        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

        static Exposition parse(String text) {
            Map<String, String> families = new HashMap<>();
            Map<String, Double> samples = new HashMap<>();
            for (String line : text.lines().toList()) {
                Matcher help = HELP.matcher(line);
                Matcher sample = SAMPLE.matcher(line);
                if (help.matches()) {
                    families.put(help.group(1), help.group(2));
                } else if (!line.startsWith("#") && sample.matches()) {
                    samples.put(sample.group(1).replace(",}", "}"), Double.parseDouble(sample.group(2)));
                }
            }
            return new Exposition(families, samples);
        }

        double value(String series) {
            assertThat(samples.containsKey(series)).as("series " + series + " is exposed").isTrue();
            return samples.get(series);
        }
    }
}
