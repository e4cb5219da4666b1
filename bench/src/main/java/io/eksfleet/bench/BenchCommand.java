package io.eksfleet.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eksfleet bench}: runs benchmark scenarios against the simulator and prints their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs benchmark scenarios against the AWS simulator with real SDK clients.")
public final class BenchCommand implements Callable<Integer> {

    static final List<String> SCENARIOS = List.of("simulator");

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "all", paramLabel = "NAME",
            description = "Scenario to run: ${COMPLETION-CANDIDATES}, or all. Default: ${DEFAULT-VALUE}.",
            completionCandidates = ScenarioNames.class)
    String scenario;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per contender. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (!scenario.equals("all") && !SCENARIOS.contains(scenario)) {
            throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario + "': use one of "
                    + String.join(", ", SCENARIOS) + " or all");
        }
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--seconds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("scenario simulator: zero latency, no rate limits, signed EKS DescribeCluster, client and simulator"
                + " in one JVM on %d cores%n", Runtime.getRuntime().availableProcessors());
        out.flush();
        List<SimulatorThroughput.Result> results = new SimulatorThroughput(Duration.ofSeconds(seconds), Duration.ofSeconds(2)).run();
        out.printf("%-12s %12s %10s %10s %10s%n", "client", "concurrency", "calls", "served", "calls/s");
        for (SimulatorThroughput.Result r : results) {
            out.printf("%-12s %12d %10d %10d %10.0f%n", r.client(), r.concurrency(), r.calls(), r.served(), r.perSecond());
        }
        out.flush();
        return 0;
    }

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SCENARIOS.iterator();
        }
    }
}
