package io.eksfleet.bench;

import io.eksfleet.time.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eksfleet bench}: runs scenarios against the simulator, each contender in its own process, and
 * prints a table per scenario (wall time, the bound AWS's settings put on the scan and the ratio to it,
 * eksfleet's in-flight limit as work over it, AWS calls, throttling answers, failed accounts, clusters found
 * against the organisation's, peak RSS).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = ContenderCommand.class,
        description = {"Runs benchmark scenarios against the AWS simulator.",
            "eksfleet runs against classic worker-pool designs, side by side, and against the bound AWS's rate limits and latency set."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "seed-10", paramLabel = "NAME",
            description = "seed-10, org-300-sso, fleet-300-hub, org-1000-sso, org-1000-hub, org-10000-hub, overhead, overhead-warm, event, cluster-event, simulator, or all. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs per contender; the median is reported. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--limit", defaultValue = "120s", paramLabel = "D", description = "A run still going after D is stopped and reported as > D. Default: ${DEFAULT-VALUE}.")
    String limit;

    @Option(names = "--contenders", split = ",", paramLabel = "NAME",
            description = {"Only these of the scenario's contenders: sequential, seed-pool-conservative, seed-pool-default, eksfleet",
                "(one process), fleet-1 and fleet-3 (a standalone broker, a coordinator and 1 or 3 worker processes; hub scenarios);",
                "eksfleet-no-access-entries (eksfleet without the access-entry look-ups) when named."})
    List<String> contenders = new ArrayList<>();

    @Option(names = "--fleet-java-opts", paramLabel = "OPTS",
            description = {"JVM options of the fleet contenders' coordinator and workers alone, as EKSFLEET_JAVA_OPTS gives them",
                "(after the launcher's): e.g. -XX:TieredStopAtLevel=4 to try C2 there while the simulator and the bench keep theirs."})
    String fleetJavaOpts;

    @Option(names = "--warm-up-scans", defaultValue = "1", paramLabel = "N",
            description = {"Unmeasured scans a fleet contender's fresh workers do before each measured one, so the measured scan",
                "sees workers as warm as N scans make them (C2 needs several to compile the hot path). Default: ${DEFAULT-VALUE}."})
    int warmUpScans;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path out;

    @Option(names = "--seconds", defaultValue = "5", paramLabel = "N", description = "The simulator scenario: measured seconds per client. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Override
    public Integer call() throws Exception {
        List<String> known = new ArrayList<>(Scenario.names());
        for (EventLatency.Kind kind : EventLatency.Kind.values()) {
            known.add(kind.scenario);
        }
        known.add("simulator");
        if (!scenario.equals("all") && !known.contains(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "': use one of " + String.join(", ", known) + " or all");
        }
        if (runs < 1 || seconds < 1 || warmUpScans < 1) {
            throw new ParameterException(spec.commandLine(), "--runs, --seconds and --warm-up-scans must be at least 1");
        }
        Duration runLimit;
        try {
            runLimit = Durations.parse(limit);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--limit: " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("machine: %d cores, %d MiB max heap per JVM, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        List<Map<String, Object>> json = new ArrayList<>();
        Path work = Files.createTempDirectory("eksfleet-bench");
        for (Scenario s : Scenario.ALL) {
            if (scenario.equals("all") || scenario.equals(s.name())) {
                json.add(runScenario(contenders.isEmpty() ? s : s.only(contenders), runLimit, work, o));
            }
        }
        for (EventLatency.Kind kind : EventLatency.Kind.values()) {
            if (scenario.equals("all") || scenario.equals(kind.scenario)) {
                json.add(eventLatency(kind, work, o));
            }
        }
        if (scenario.equals("all") || scenario.equals("simulator")) {
            simulatorThroughput(o);
        }
        if (out != null) {
            Files.writeString(out, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
        }
        o.flush();
        return 0;
    }

    private Map<String, Object> runScenario(Scenario s, Duration runLimit, Path work, PrintWriter o) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", s.name());
        json.put("description", s.description());
        o.printf("scenario %s: %s%n", s.name(), s.description());
        if (fleetJavaOpts != null) {
            o.printf("  fleet JVM options: %s%n", fleetJavaOpts);
            json.put("fleetJavaOpts", fleetJavaOpts);
        }
        if (warmUpScans != 1) {
            o.printf("  fleet warm-up: %d scans before each measured one%n", warmUpScans);
            json.put("warmUpScans", warmUpScans);
        }
        if (s.skipReason() != null) {
            o.printf("  skipped: %s%n%n", s.skipReason());
            json.put("skipped", s.skipReason());
            return json;
        }
        var l = s.limits();
        String settings = String.format("latency %s; limits %s", s.latency().defaultModel().spec(), l.ssoRps() <= 0 ? "none"
                : String.format("SSO %.0f rps for the organisation, EKS %.0f rps burst %d per account and region, EC2 bucket %d refilled %.0f/s, STS %.0f rps per account, Organizations %.0f rps for the organisation",
                        l.ssoRps(), l.eksRps(), l.eksBurst(), l.ec2Capacity(), l.ec2RefillPerSecond(), l.stsRps(), l.organizationsRps()));
        o.printf("  simulator: %s%n", settings);
        json.put("simulator", settings);
        BenchRun bench = new BenchRun(s, runs, runLimit, work, fleetJavaOpts, warmUpScans);
        Map<String, Bound> bounds = new LinkedHashMap<>();
        s.contenders().forEach(c -> bounds.put(c, bench.bound(c)));
        Map<String, Object> boundJson = new LinkedHashMap<>();
        bounds.values().stream().distinct().forEach(b -> {
            List<String> whose = bounds.entrySet().stream().filter(e -> e.getValue().equals(b)).map(Map.Entry::getKey).toList();
            o.printf("  AWS bound%s: %.2f s, set by the %s = max(%s) for %d calls%n",
                    bounds.size() > whose.size() ? " of " + String.join(", ", whose) : "", b.ms() / 1000, b.setBy(), b.terms(), b.calls());
            whose.forEach(c -> boundJson.put(c, boundJson(b)));
        });
        Bound any = bounds.values().iterator().next();
        o.printf("  eksfleet's in-flight limit: work / %d in flight %.2f s (every call at its mean latency, %d at a time)%n",
                any.inFlight(), any.inFlightMs() / 1000, any.inFlight());
        json.put("bound", boundJson);
        json.put("inFlight", Map.of("limit", any.inFlight(), "workMs", Math.round(any.inFlightMs())));
        o.flush();
        List<BenchRun.Run> results = bench.execute(o);
        json.put("runs", results);
        int expected = s.clusters();
        int tasks = s.tasks();
        o.printf("  %-24s %-24s %-9s %-8s %-8s %-11s %-9s %-13s %-28s %-9s %-7s %-10s %s%n", "contender", "wall median [min, max]", "scan",
                "bound", "x bound", "work/" + any.inFlight(), "CPU-s", "CPU-s/1k task", "AWS calls by service", "throttled", "failed",
                "clusters", "peak RSS");
        Map<String, List<BenchRun.Run>> byContender = results.stream()
                .collect(Collectors.groupingBy(BenchRun.Run::contender, LinkedHashMap::new, Collectors.toList()));
        byContender.forEach((name, list) -> {
            List<BenchRun.Run> sorted = list.stream().sorted(Comparator.comparingLong(BenchRun.Run::wallMs)).toList();
            BenchRun.Run median = sorted.get(sorted.size() / 2);
            Bound bound = bounds.get(name);
            boolean anyTimedOut = list.stream().anyMatch(BenchRun.Run::timedOut);
            String wall = anyTimedOut && median.timedOut() ? "> " + runLimit.toSeconds() + " s"
                    : String.format("%.1f s [%.1f, %.1f]", median.wallMs() / 1000.0, sorted.get(0).wallMs() / 1000.0,
                            sorted.get(sorted.size() - 1).timedOut() ? runLimit.toSeconds() : sorted.get(sorted.size() - 1).wallMs() / 1000.0);
            String calls = median.calls().entrySet().stream()
                    .collect(Collectors.groupingBy(e -> e.getKey().substring(0, e.getKey().indexOf(':')), java.util.TreeMap::new,
                            Collectors.summingLong(Map.Entry::getValue)))
                    .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            o.printf("  %-24s %-24s %-9s %-8s %-8s %-11s %-9s %-13s %-28s %-9d %-7d %-10s %d MiB%n", name, wall,
                    median.timedOut() ? "-" : String.format("%.1f s", median.scanMs() / 1000.0),
                    String.format("%.2f s", bound.ms() / 1000),
                    median.timedOut() || bound.ms() < 1 ? "-" : String.format("%.1f", median.scanMs() / bound.ms()),
                    String.format("%.2f s", bound.inFlightMs() / 1000),
                    String.format("%.1f", median.scanCpuSeconds()), String.format("%.2f", median.scanCpuSeconds() * 1000 / tasks),
                    calls, median.throttled(), median.failedAccounts(),
                    median.clustersFound() + "/" + expected + (median.wrongClusters() > 0 ? " (" + median.wrongClusters() + " wrong)" : ""),
                    median.rssMib());
            if (!median.fleetRssMib().isEmpty()) {
                o.printf("  %-24s peak RSS %s%n", "", median.fleetRssMib().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue() + " MiB").collect(Collectors.joining(", ")));
            }
            if (median.fleetCpuSeconds() > 0) {
                o.printf("  %-24s its broker, coordinator and workers used %.1f CPU-seconds in the %.1f s scan (%.1f of %d cores)%n", "",
                        median.fleetCpuSeconds(), median.scanMs() / 1000.0, median.fleetCpuSeconds() / (median.scanMs() / 1000.0),
                        Runtime.getRuntime().availableProcessors());
            }
            if (s.overhead() && !median.timedOut()) {
                o.printf("  %-24s %.0f tasks/s (%d account, region and cluster tasks in %.1f s)%n", "", tasks / (median.scanMs() / 1000.0),
                        tasks, median.scanMs() / 1000.0);
            }
        });
        o.println();
        o.flush();
        return json;
    }

    private Map<String, Object> eventLatency(EventLatency.Kind kind, Path work, PrintWriter o) throws Exception {
        o.printf("scenario %s: %s%n", kind.scenario, kind.description());
        o.flush();
        EventLatency.Result result = new EventLatency(kind).run(work);
        o.printf("  p50 %d ms, p99 %d ms, min %d ms, max %d ms over %d events%s%n%n", result.percentile(50), result.percentile(99),
                result.percentile(0), result.percentile(100), result.latenciesMs().size(),
                result.incomplete() == 0 ? "" : " (" + result.incomplete() + " events incomplete after 60 s)");
        o.flush();
        return EventLatency.json(result);
    }

    private static Map<String, Object> boundJson(Bound b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ms", Math.round(b.ms()));
        json.put("setBy", b.setBy());
        json.put("criticalPathMs", Math.round(b.criticalMs()));
        json.put("listingMs", Math.round(b.listingMs()));
        Map<String, Object> budgets = new LinkedHashMap<>();
        b.budgets().forEach(budget -> budgets.put(budget.service(), Map.of("calls", budget.calls(), "ms", Math.round(budget.ms()))));
        json.put("budgets", budgets);
        json.put("calls", b.calls());
        return json;
    }

    private void simulatorThroughput(PrintWriter o) throws Exception {
        o.printf("scenario simulator: zero latency, no rate limits, signed EKS DescribeCluster, client and simulator in one JVM%n");
        o.flush();
        List<SimulatorThroughput.Result> results = new SimulatorThroughput(Duration.ofSeconds(seconds), Duration.ofSeconds(2)).run();
        o.printf("  %-12s %12s %10s %10s %10s%n", "client", "concurrency", "calls", "served", "calls/s");
        for (SimulatorThroughput.Result r : results) {
            o.printf("  %-12s %12d %10d %10d %10.0f%n", r.client(), r.concurrency(), r.calls(), r.served(), r.perSecond());
        }
        o.println();
    }
}
