package io.eksfleet.cli.worker;

import io.eksfleet.cli.options.Candidates;
import io.eksfleet.cli.options.DurationOption;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.scan.Preset;
import io.eksfleet.worker.CallPolicy;
import io.eksfleet.worker.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How workers run: the preset and every knob that overrides it. Shared by the commands that run workers
 * ({@code scan}, {@code worker}, {@code dead-letters --replay}), so each knob has one name everywhere,
 * with the SSO token cache the workers read.
 */
public final class WorkerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME", completionCandidates = Candidates.Presets.class,
            description = "default, conservative or aggressive (their values: eksfleet presets). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "AWS calls in flight per worker. Default: the preset's (conservative 16, default 64, aggressive 256).")
    Integer maxInFlight;

    @Option(names = "--sso-rps", paramLabel = "N", description = "SSO portal budget of the whole fleet, requests/s. Default: the preset's (conservative 10, default 18, aggressive 20).")
    Double ssoRps;

    @Option(names = "--eks-rps", paramLabel = "N", description = "EKS budget per account and region, requests/s. Default: 8.")
    Double eksRps;

    @Option(names = "--ec2-rps", paramLabel = "N", description = "EC2 budget per account and region, requests/s. Default: 16.")
    Double ec2Rps;

    @Option(names = "--sts-rps", paramLabel = "N", description = "Hub mode: STS budget of the hub identity for the whole fleet, requests/s. Default: 50.")
    Double stsRps;

    @Option(names = "--retries", paramLabel = "N", description = "Task retries through the retry topics before a task is dead-lettered. Default: the preset's (conservative 5, default 3, aggressive 2).")
    Integer retries;

    @Option(names = "--backoff", paramLabel = "D", description = "First task retry delay, doubled per retry, jittered. Default: the preset's (conservative 2s, default 1s, aggressive 500ms).")
    String backoff;

    @Option(names = "--call-timeout", paramLabel = "D", description = "Longest one AWS call attempt may take. Default: the preset's (conservative 20s, default 10s, aggressive 5s).")
    String callTimeout;

    @Option(names = "--task-timeout", paramLabel = "D", description = "Longest one task attempt may take, all calls and pages. Default: the preset's (conservative 4m, default 2m, aggressive 1m).")
    String taskTimeout;

    @Option(names = "--access-entries", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Look up, for each ACTIVE cluster, whether the scan's role has an EKS access entry and its access policies "
                    + "(one EKS call a cluster, three where the role has an entry). --no-access-entries leaves the access unknown. Default: on.")
    public boolean accessEntries = true;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "SSO token cache the workers read (default: ~/.aws/sso/cache, shared with the AWS CLI).")
    public Path ssoCache;

    /** The SSO token cache directory: the option's, else the AWS CLI's. */
    public Path ssoCache() {
        return UserFiles.ssoCache(ssoCache);
    }

    Preset chosenPreset() {
        try {
            return Preset.named(preset);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    public WorkerTuning resolve() {
        Preset chosen = chosenPreset();
        int inFlight = maxInFlight == null ? chosen.maxInFlight() : maxInFlight;
        if (inFlight < 1) {
            throw bad("--max-in-flight must be at least 1");
        }
        int taskRetries = retries == null ? chosen.retries() : retries;
        if (taskRetries < 0) {
            throw bad("--retries cannot be negative");
        }
        BudgetConfig d = BudgetConfig.DEFAULTS;
        double sso = ssoRps == null ? chosen.ssoRps() : ssoRps;
        double eks = eksRps == null ? d.eksRps() : eksRps;
        double ec2 = ec2Rps == null ? d.ec2Rps() : ec2Rps;
        double sts = stsRps == null ? d.stsRps() : stsRps;
        if (sso <= 0 || eks <= 0 || ec2 <= 0 || sts <= 0) {
            throw bad("--sso-rps, --eks-rps, --ec2-rps and --sts-rps must be above 0");
        }
        BudgetConfig budgets = new BudgetConfig(sso, eks, ec2, sts, d.organizationsRps(), d.decreaseFactor(),
                d.decreaseEvery(), d.increaseFraction(), d.floorFraction());
        CallPolicy calls = new CallPolicy(3, Duration.ofMillis(100),
                callTimeout == null ? chosen.callTimeout() : DurationOption.positive(spec, callTimeout, "--call-timeout"));
        RetryPolicy retryPolicy = new RetryPolicy(taskRetries, backoff == null ? chosen.backoff() : DurationOption.positive(spec, backoff, "--backoff"),
                taskTimeout == null ? chosen.taskTimeout() : DurationOption.positive(spec, taskTimeout, "--task-timeout"));
        return new WorkerTuning(chosen, inFlight, budgets, calls, retryPolicy, accessEntries);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
