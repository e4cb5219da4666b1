package io.eksfleet.bench;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.Outcome;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.sso.SsoTokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs one scenario: one simulator, the contenders interleaved run after run (so their ratios are
 * measured side by side), each run in its own process, checked against the organisation.
 */
final class BenchRun {

    /**
     * One contender's run. {@code wrongClusters}: clusters it reported that the organisation does not have;
     * {@code cpuSeconds}: the CPU the contender's process used, start to exit; {@code fleetCpuSeconds}: for fleet
     * contenders, the CPU its broker, coordinator and workers used during the scan; {@code fleetRssMib}: for fleet
     * contenders, the peak RSS of each of those processes (see {@link BenchFleet#peakRssMib()}).
     */
    record Run(String contender, long wallMs, long scanMs, long rssMib, Map<String, Long> calls, long throttled,
               int failedAccounts, int clustersFound, int wrongClusters, boolean timedOut, int exitCode, double cpuSeconds,
               double fleetCpuSeconds, Map<String, Long> fleetRssMib) {

        Run withFleet(double seconds, Map<String, Long> rss) {
            return new Run(contender, wallMs, scanMs, rssMib, calls, throttled, failedAccounts, clustersFound, wrongClusters,
                    timedOut, exitCode, cpuSeconds, seconds, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rss)));
        }

        /** The CPU that did the scan: the fleet's for a fleet contender, else the contender's own process. */
        double scanCpuSeconds() {
            return fleetCpuSeconds > 0 ? fleetCpuSeconds : cpuSeconds;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A kubeconfig of 25,000 clusters is some 40 MB: past the YAML parser's default of 3 MiB, within eksfleet's own 64 MiB. */
    private static final YAMLMapper KUBECONFIG = YAMLMapper.builder(YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setCodePointLimit(64 << 20).build()).build()).build();
    private static final int EKSFLEET_IN_FLIGHT = 64;

    private final Scenario scenario;
    private final int runs;
    private final Duration limit;
    private final Path work;
    private final String fleetJavaOpts;
    private final int warmUpScans;
    private BenchFleet fleet;

    BenchRun(Scenario scenario, int runs, Duration limit, Path work, String fleetJavaOpts, int warmUpScans) {
        this.warmUpScans = warmUpScans;
        this.scenario = scenario;
        this.fleetJavaOpts = fleetJavaOpts;
        this.runs = runs;
        this.limit = limit;
        this.work = work;
    }

    /** Every run of every contender, in the order they ran. */
    List<Run> execute(java.io.PrintWriter progress) throws Exception {
        Organization org = scenario.organization();
        Set<String> arns = org.clusters().map(Organization.OrgCluster::arn).collect(Collectors.toSet());
        List<Run> results = new ArrayList<>();
        SimulatorConfig config = SimulatorConfig.builder().org(org).latency(scenario.latency()).limits(scenario.limits())
                .threads(4).build();
        try (Simulator sim = Simulator.start(config)) {
            for (int run = 1; run <= runs; run++) {
                for (String contender : scenario.contenders()) {
                    Path dir = Files.createDirectories(work.resolve(scenario.name() + "-" + contender + "-" + run));
                    int fleetWorkers = fleetWorkers(contender);
                    double fleetCpu = 0;
                    if (fleetWorkers > 0) {
                        fleet(sim, org).workers(fleetWorkers, eksfleetBudgets());
                        // A fleet runs for days: unmeasured scans first, so the workers are measured warm.
                        for (int i = 1; i <= warmUpScans; i++) {
                            eksfleet(sim, org, arns, Files.createDirectories(dir.resolve(i == 1 ? "warm-up" : "warm-up-" + i)), contender);
                        }
                        fleetCpu = fleet.cpuSeconds();
                    }
                    sim.calls().reset();
                    sim.limits(scenario.limits());
                    Run result = contender.startsWith("eksfleet") || fleetWorkers > 0 ? eksfleet(sim, org, arns, dir, contender)
                            : baseline(sim, contender, arns, dir);
                    if (fleetWorkers > 0) {
                        result = result.withFleet(fleet.cpuSeconds() - fleetCpu, fleet.peakRssMib());
                    }
                    results.add(result);
                    progress.printf("  run %d %-24s %s%n", run, contender, result.timedOut() ? "> " + limit.toSeconds() + " s"
                            : String.format("%.1f s", result.wallMs() / 1000.0));
                    progress.flush();
                }
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
        return results;
    }

    private BenchFleet fleet(Simulator sim, Organization org) throws Exception {
        if (fleet == null) {
            Map<String, String> env = env(sim, org);
            if (fleetJavaOpts != null) {
                env.put("EKSFLEET_JAVA_OPTS", fleetJavaOpts);
            }
            fleet = new BenchFleet(Files.createDirectories(work.resolve(scenario.name() + "-fleet")), env, List.of());
        }
        return fleet;
    }

    private Map<String, String> env(Simulator sim, Organization org) {
        return env(sim, org, scenario.hub());
    }

    /** Where the eksfleet processes find AWS: the simulator, and in hub mode the hub identity. */
    static Map<String, String> env(Simulator sim, Organization org, boolean hub) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", sim.endpoint().toString());
        if (hub) {
            env.put("AWS_ACCESS_KEY_ID", org.hub().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", org.hub().secretAccessKey());
            env.put("AWS_REGION", "us-east-1");
        }
        return env;
    }

    /** The bound of a contender's scan: a fleet contender's workers hold every account's credentials from their warm-up. */
    Bound bound(String contender) {
        return Bound.of(scenario.organization(), scenario, EKSFLEET_IN_FLIGHT, fleetWorkers(contender) > 0);
    }

    static int fleetWorkers(String contender) {
        return contender.startsWith("fleet-") ? Integer.parseInt(contender.substring("fleet-".length())) : 0;
    }

    private Run baseline(Simulator sim, String contender, Set<String> arns, Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, sim.issueAccessToken());
        ChildProcess.Outcome outcome = ChildProcess.run(List.of("bench", "contender", "--name", contender, "--endpoint",
                sim.endpoint().toString(), "--sso-region", sim.org().ssoRegion(), "--token-file", token.toString(),
                "--role", "ReadOnly"), Map.of(), limit, dir);
        Set<String> found = new HashSet<>();
        int failedAccounts = 0;
        if (!outcome.timedOut() && outcome.exitCode() == 0) {
            Map<String, Object> json = JSON.readValue(outcome.stdout(), new TypeReference<Map<String, Object>>() { });
            ((List<?>) json.get("clusters")).forEach(a -> found.add((String) a));
            failedAccounts = ((Number) json.get("failedAccounts")).intValue();
        }
        return result(sim, contender, outcome, outcome.wall().toMillis(), found, arns, failedAccounts);
    }

    /** eksfleet in one process ({@code eksfleet}), or submitted to the fleet's running workers ({@code fleet-N}). */
    private Run eksfleet(Simulator sim, Organization org, Set<String> arns, Path dir, String contender) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        List<String> args = new ArrayList<>(List.of("scan", "--kubeconfig", kubeconfig.toString(), "--aws-config",
                dir.resolve("aws-config").toString(), "--output", "json", "--scan-timeout", limit.toSeconds() + "s"));
        args.addAll(eksfleetBudgets());
        if (scenario.hub()) {
            args.addAll(List.of("--assume-role", Scenario.HUB_ROLE));
        } else {
            Path cache = dir.resolve("sso-cache");
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("startUrl", org.ssoStartUrl());
            token.put("region", org.ssoRegion());
            token.put("accessToken", sim.issueAccessToken());
            token.put("expiresAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
            new SsoTokenCache(cache, Clock.systemUTC()).write("bench", token);
            args.addAll(List.of("--sso-start-url", org.ssoStartUrl(), "--sso-region", org.ssoRegion(), "--sso-session", "bench",
                    "--sso-cache", cache.toString(), "--role", "ReadOnly"));
        }
        if (contender.equals(Scenario.WITHOUT_ACCESS_ENTRIES)) {
            args.add("--no-access-entries");
        }
        if (fleet != null && !contender.startsWith("eksfleet")) {
            args.addAll(List.of("--workers", "0", "--bootstrap-servers", fleet.bootstrapServers()));
        }
        ChildProcess.Outcome outcome = ChildProcess.run(args, env(sim, org), limit, dir);
        Set<String> found = new HashSet<>();
        int failedAccounts = 0;
        long scanMs = outcome.wall().toMillis();
        if (!outcome.timedOut() && (outcome.exitCode() == 0 || outcome.exitCode() == 2)) {
            Map<String, Object> report = JSON.readValue(outcome.stdout(), new TypeReference<Map<String, Object>>() { });
            scanMs = ((Number) report.get("durationMs")).longValue();
            failedAccounts = ((Number) ((Map<?, ?>) report.get("accounts")).get("failed")).intValue()
                    + ((List<?>) ((Map<?, ?>) report.get("accounts")).get("skipped")).size();
            ((List<?>) ((Map<?, ?>) report.get("clusters")).get("notInKubeconfig")).forEach(c -> found.add((String) ((Map<?, ?>) c).get("arn")));
            if (Files.exists(kubeconfig)) {
                Map<String, Object> kube = KUBECONFIG.readValue(kubeconfig.toFile(),
                        new TypeReference<Map<String, Object>>() { });
                ((List<?>) kube.get("clusters")).forEach(c -> found.add((String) ((Map<?, ?>) c).get("name")));
            }
        }
        return result(sim, contender, outcome, scanMs, found, arns, failedAccounts);
    }

    /**
     * Without simulated limits (the overhead scenarios) eksfleet's own budgets would be the bound, not the
     * framework: lift them too, for the scan and for the fleet's workers.
     */
    private List<String> eksfleetBudgets() {
        return scenario.limits().ssoRps() > 0 ? List.of()
                : List.of("--sso-rps", "100000", "--eks-rps", "100000", "--ec2-rps", "100000", "--sts-rps", "100000");
    }

    private static Run result(Simulator sim, String contender, ChildProcess.Outcome outcome, long scanMs, Set<String> found,
                              Set<String> arns, int failedAccounts) {
        Map<String, Long> calls = new TreeMap<>();
        for (Api api : Api.values()) {
            long n = sim.calls().count(api);
            if (n > 0) {
                calls.put(api.id(), n);
            }
        }
        long throttled = sim.calls().count(c -> c.outcome() == Outcome.THROTTLED);
        int wrong = (int) found.stream().filter(a -> !arns.contains(a)).count();
        return new Run(contender, outcome.wall().toMillis(), scanMs, outcome.peakRssMib(), calls, throttled, failedAccounts,
                found.size() - wrong, wrong, outcome.timedOut(), outcome.exitCode(), outcome.cpuSeconds(), 0, Map.of());
    }
}
