package io.eksfleet.cli.scan;

import io.eksfleet.cli.options.SsoLoginOptions;

import io.eksfleet.cli.options.Colour;
import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.cli.options.AccountOptions;
import io.eksfleet.cli.options.DurationOption;
import io.eksfleet.cli.worker.WorkerPool;
import io.eksfleet.cli.options.HubOptions;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.options.OutputOptions;
import io.eksfleet.devtools.DemoAws;
import io.eksfleet.host.UserPath;
import io.eksfleet.output.AtomicFile;
import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.options.RegionsOption;
import io.eksfleet.cli.worker.WorkerOptions;
import io.eksfleet.cli.worker.WorkerTuning;

import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.Partition;
import io.eksfleet.scan.Printable;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.SsoTokenCache;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet scan}: finds every EKS cluster the SSO login (or, in hub mode, the hub identity) reaches and
 * writes kubeconfig, profiles and a report.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the EKS clusters of many accounts and regions and writes the kubeconfig.",
            "The work goes through Kafka workers; the command also writes the AWS profiles its kubeconfig entries use,",
            "and prints a summary or a JSON report.",
            "Exit code: 0 all done, 2 done with failures or skipped accounts, 1 could not run."})
public final class ScanCommand implements Callable<Integer> {

    static final Path DEMO_DIR = Path.of("eksfleet-demo");

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = "Scan a simulated organisation with an embedded Kafka broker; writes only under ./eksfleet-demo.")
    boolean demo;

    @Mixin
    SsoLoginOptions login;

    @ArgGroup(exclusive = true)
    RoleChoice role;

    static final class RoleChoice {
        @Option(names = "--role", paramLabel = "NAME", description = "The role (permission set) to use in every account.")
        String name;

        @Option(names = "--role-prefix", split = ",", paramLabel = "PREFIX",
                description = "Role prefixes, tried in order; within a prefix the alphabetically first role wins. Accounts with no match are reported as skipped.")
        List<String> prefixes;

        @Option(names = "--roles", split = ",", paramLabel = "NAME|GLOB",
                description = {"Several roles (permission sets) in every account, each with a kubeconfig user and context of its own:",
                    "names, and globs (Eks*) that take every role of the account the login may take and that match, in the order",
                    "given. The first role found in an account lists and describes its clusters."})
        List<String> several;
    }

    @Mixin
    HubOptions hubOptions;

    @Mixin
    AccountOptions accounts;

    @Mixin
    RegionsOption regions;

    @Mixin
    OutputOptions files;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = {"Workers in this process, which then also plans the scan. 0 submits the scan to a running fleet:",
                "an `eksfleet coordinator` plans it and `eksfleet worker`s do it. Default: ${DEFAULT-VALUE}."})
    int workers;

    @Option(names = "--detach", description = "With --workers 0: print the scan id once the fleet has the request, and return (see eksfleet status).")
    boolean detach;

    @Mixin
    WorkerOptions tuning;

    @Option(names = "--scan-timeout", paramLabel = "D", description = "End the scan with a partial result after D. Default: the preset's (conservative 10m, default 5m, aggressive 3m).")
    String scanTimeout;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    FormatOption format;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (workers < 0 || workers > WorkerPool.MAX_WORKERS) {
            throw bad("--workers must be between 0 and " + WorkerPool.MAX_WORKERS + ": for more, run eksfleet worker processes");
        }
        if (workers == 0 && kafka.bootstrapServers == null) {
            throw bad("--workers 0 needs --bootstrap-servers: the embedded broker has no other workers");
        }
        if (detach && workers != 0) {
            throw bad("--detach needs --workers 0: a scan with workers in this process ends with this process");
        }
        if (files.onlyAccessible && !tuning.accessEntries && workers > 0) {
            // A fleet's workers (--workers 0) decide the look-ups for themselves; this process's workers would make none.
            throw bad("--only-accessible goes by the access look-ups that --no-access-entries turns off: drop one of the two");
        }
        if (demo) {
            return runDemo();
        }
        checkPaths();
        if (hubOptions.assumeRole != null && (login.given() || role != null)) {
            throw bad("--assume-role (hub mode) and an SSO login (--sso-session, --profile, --sso-start-url, --role, --role-prefix) exclude each other");
        }
        HubSource hub = hubOptions.hub(spec, hubOptions.assumeRole == null ? List.of() : regions.choice(spec).regions());
        return run(settings(hub != null ? hubOptions.access(hub) : Access.viaSso(resolveSso(), null), null), report);
    }

    private int runDemo() throws Exception {
        DemoAws demoAws = DemoAws.onClassPath().orElseThrow(() -> new IllegalStateException(
                "--demo runs from a checkout of eksfleet (./eksfleet scan --demo): this installation holds no AWS simulator"));
        files.kubeconfig = DEMO_DIR.resolve("kubeconfig");
        files.awsConfig = DEMO_DIR.resolve("aws-config");
        // The simulator's clusters answer on loopback.
        files.allowLoopbackEndpoints = true;
        checkPaths();
        Files.createDirectories(DEMO_DIR);
        try (DemoAws.Running simulator = demoAws.start()) {
            SsoSource sso = new SsoSource(simulator.ssoStartUrl(), simulator.ssoRegion(), "eksfleet-demo");
            Path cache = DEMO_DIR.resolve("sso-cache");
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("startUrl", sso.startUrl());
            token.put("region", sso.region());
            token.put("accessToken", simulator.issueAccessToken());
            token.put("expiresAt", Instant.now().plus(Duration.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            new SsoTokenCache(cache, java.time.Clock.systemUTC()).write(sso.cacheKey(), token);
            PrintWriter err = spec.commandLine().getErr();
            err.printf("eksfleet demo: simulated organisation %s (%d accounts, %d clusters) at %s, embedded Kafka; files in ./%s%n",
                    simulator.organizationId(), simulator.accountCount(), simulator.clusterCount(), simulator.endpoint(), DEMO_DIR);
            err.flush();
            tuning.ssoCache = cache;
            if (role == null) {
                role = new RoleChoice();
                role.name = "ReadOnly";
            }
            return run(settings(Access.viaSso(sso, null), simulator.endpoint()), report != null ? report : DEMO_DIR.resolve("report.json"));
        }
    }

    /**
     * Every file the scan reads or writes is checked for what it is before the broker, the simulator or any AWS
     * call starts: a device, FIFO, socket or directory ends the command in one line, untouched.
     */
    private void checkPaths() {
        files.checkPaths();
        if (report != null) {
            UserPath.named("--report", UserPath.Kind.REPORT, report).check();
        }
    }

    private int run(ScanSettings settings, Path reportFile) throws Exception {
        if (settings.access().usesSso()) {
            new SsoTokenCache(settings.ssoCache(), java.time.Clock.systemUTC()).check(settings.access().sso());
        }
        if (reportFile != null) {
            AtomicFile.checkWritable(UserPath.named("--report", UserPath.Kind.REPORT, reportFile)).ifPresent(note ->
                    spec.commandLine().getErr().println("eksfleet: " + note));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new ScanRun(settings, err, System.console() != null, Colour.enabled(spec)).execute(result -> {
            boolean dryRun = result.written() != null && result.written().dryRun();
            if (dryRun) {
                out.print(result.written().preview());
                out.flush();
            }
            if (reportFile != null && result.report() != null) {
                AtomicFile.write(UserPath.named("--report", UserPath.Kind.REPORT, reportFile), result.json() + "\n");
            }
            // As aws eks update-kubeconfig --dry-run: stdout is the kubeconfig alone, so that it can be redirected to a file.
            PrintWriter summary = dryRun ? err : out;
            summary.print(format.structured() ? format.render(result.json()) : result.summary());
            summary.flush();
            if (result.written() != null) {
                result.written().notWritten().forEach(line -> spec.commandLine().getErr().println("eksfleet scan: " + line));
                spec.commandLine().getErr().flush();
            }
            return result.exitCode();
        });
    }

    /** The scan's settings, reaching the accounts {@code way} with the role the options name. */
    private ScanSettings settings(Access way, java.net.URI endpoint) {
        OutputWriter.Settings output = files.settings(spec);
        WorkerTuning t = tuning.resolve();
        AccountSelection selection = accounts.selection(spec);
        RegionsOption.Choice regionChoice = regions.choice(spec);
        onePartition(way, regionChoice.regions());
        Access roles = way.usesSso() ? ssoRoles(way) : way;
        List<String> prefixes = role != null && role.prefixes != null ? role.prefixes : List.of();
        if (roles.roleName() == null && prefixes.isEmpty()) {
            throw bad("say which role to use in each account: --role NAME, --roles A,B or --role-prefix A,B");
        }
        Duration timeout = scanTimeout == null ? t.preset().scanTimeout() : DurationOption.positive(spec, scanTimeout, "--scan-timeout");
        return new ScanSettings(roles, prefixes, selection, regionChoice.regions(), regionChoice.mode(), output, t, timeout,
                kafka.bootstrapServers == null ? null : kafka.required(spec), workers, detach, tuning.ssoCache(), endpoint,
                kafka.connectTimeout(spec), kafka.topicLayout(spec));
    }


    /** The SSO login with the roles the options name: one, several (names and globs), or the profile's. */
    private Access ssoRoles(Access way) {
        if (role != null && role.several != null) {
            List<String> several = role.several.stream().map(String::strip).filter(r -> !r.isEmpty()).distinct().toList();
            several.stream().filter(r -> !r.matches("[\\w+=.@*-]{1,64}")).findFirst().ifPresent(r -> {
                throw bad("--roles: '" + r + "' is not a role name or a glob of one (letters, digits, +=.@_- and *)");
            });
            if (several.isEmpty()) {
                throw bad("--roles names no role: write e.g. --roles ReadOnly,Admin or --roles 'Eks*'");
            }
            return way.withRoles(several.get(0), several.subList(1, several.size()));
        }
        return way.withRole(role != null ? role.name : profileSection().map(s -> s.get("sso_role_name")).orElse(null));
    }

    /** One scan covers one partition, the login's (its SSO region's) or the hub's: every region asked for is in it. */
    private void onePartition(Access way, List<String> regionList) {
        Partition partition = Partition.ofRegion(way.homeRegion()).orElseThrow(() -> bad("the " + (way.usesSso() ? "SSO" : "hub")
                + " region '" + Printable.of(way.homeRegion()) + "' is not a region of a partition eksfleet scans (" + Partition.ids() + ")"));
        regionList.stream().filter(r -> Partition.ofRegion(r).orElse(null) != partition).findFirst().ifPresent(r -> {
            throw bad("--regions: " + r + " is in the " + Partition.ofRegion(r).map(Partition::id).orElse("?") + " partition, the "
                    + (way.usesSso() ? "SSO login's region " : "hub region ") + way.homeRegion() + " in " + partition
                    + ": one scan covers one partition" + (way.usesSso() ? "" : " (--partition)"));
        });
    }

    private SsoSource resolveSso() {
        SsoSource sso = login.resolve(spec, files.loginConfig());
        if (sso == null) {
            throw bad("say how to log in: --sso-session NAME, --profile P (or AWS_PROFILE), or --sso-start-url URL --sso-region R (or try --demo)");
        }
        return sso;
    }

    private java.util.Optional<Map<String, String>> profileSection() {
        return login.profileSection(files.loginConfig());
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
