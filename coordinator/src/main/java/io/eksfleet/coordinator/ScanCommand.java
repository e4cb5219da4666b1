package io.eksfleet.coordinator;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.output.AwsConfigFile;
import io.eksfleet.output.ContextTemplate;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.sso.SsoTokenCache;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import software.amazon.awssdk.regions.Region;

/**
 * {@code eksfleet scan}: finds every EKS cluster the SSO login (or, in hub mode, the hub identity) reaches and
 * writes kubeconfig, profiles and a report.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scans accounts and regions for EKS clusters through Kafka workers, then writes the kubeconfig,",
            "the AWS profiles its entries use, a summary and a JSON report.",
            "Exit code: 0 all done, 2 done with failures or skipped accounts, 1 could not run."})
public final class ScanCommand implements Callable<Integer> {

    static final Path DEMO_DIR = Path.of("eksfleet-demo");

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = "Scan a simulated organisation with an embedded Kafka broker; writes only under ./eksfleet-demo.")
    boolean demo;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "The [sso-session NAME] of the AWS config to log in through.")
    String ssoSession;

    @Option(names = "--profile", paramLabel = "P", description = "An SSO profile of the AWS config: its session (or start URL) and, unless --role is given, its role.")
    String profile;

    @Option(names = "--sso-start-url", paramLabel = "URL", description = "The IAM Identity Center start URL (with --sso-region).")
    String ssoStartUrl;

    @Option(names = "--sso-region", paramLabel = "R", description = "The IAM Identity Center region (with --sso-start-url).")
    String ssoRegion;

    @ArgGroup(exclusive = true)
    RoleChoice role;

    static final class RoleChoice {
        @Option(names = "--role", paramLabel = "NAME", description = "The role (permission set) to use in every account.")
        String name;

        @Option(names = "--role-prefix", split = ",", paramLabel = "PREFIX",
                description = "Role prefixes, tried in order; within a prefix the alphabetically first role wins. Accounts with no match are reported as skipped.")
        List<String> prefixes;
    }

    @Option(names = "--assume-role", paramLabel = "NAME",
            description = {"Hub mode: assume arn:aws:iam::{account}:role/NAME in every account from the workers' own identity",
                "(environment, web identity, instance profile). Accounts: --accounts, --accounts-file, or every ACTIVE account",
                "of the organisation (organizations:ListAccounts from the coordinator's identity)."})
    String assumeRole;

    @Option(names = "--external-id", paramLabel = "X", description = "Hub mode: the external id the roles' trust policies require.")
    String externalId;

    @Option(names = "--hub-region", defaultValue = "us-east-1", paramLabel = "R",
            description = "Hub mode: where STS and DescribeRegions are called. Default: ${DEFAULT-VALUE}.")
    String hubRegion;

    @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "Only these accounts (default: every account the login sees).")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE", description = "Accounts to scan, one per line: ID or ID,NAME; # starts a comment.")
    Path accountsFile;

    @Option(names = "--regions", defaultValue = "enabled", paramLabel = "r1,r2|enabled|all",
            description = "Regions to scan: a list, each account's enabled regions, or all. Default: ${DEFAULT-VALUE}.")
    String regions;

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "Kubeconfig to update (default: the first path of $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--aws-config", paramLabel = "PATH", description = "AWS config to add profiles to (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    Path awsConfig;

    @Option(names = "--context-template", defaultValue = ContextTemplate.DEFAULT, paramLabel = "T",
            description = "Context names: {accountName}, {accountId}, {region}, {cluster}, {role}. Default: ${DEFAULT-VALUE}.")
    String contextTemplate;

    @Option(names = "--current-context", paramLabel = "NAME", description = "Set current-context (otherwise it is left as it was).")
    String currentContext;

    @Mixin
    WorkerOptions tuning;

    @Option(names = "--scan-timeout", paramLabel = "D", description = "End the scan with a partial result after D, e.g. 5m (default: the preset's).")
    String scanTimeout;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = {"Workers in this process, which then also plans the scan. 0 submits the scan to a running fleet:",
                "an `eksfleet coordinator` plans it and `eksfleet worker`s do it. Default: ${DEFAULT-VALUE}."})
    int workers;

    @Option(names = "--detach", description = "With --workers 0: print the scan id once the fleet has the request, and return (see eksfleet status).")
    boolean detach;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "Summary as text or the report as JSON. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path report;

    @Option(names = "--dry-run", description = "Print the merged kubeconfig; write no file.")
    boolean dryRun;

    @Option(names = "--prune", description = "Remove kubeconfig entries eksfleet wrote for clusters that no longer exist.")
    boolean prune;


    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) {
            throw bad("--output must be text or json");
        }
        if (workers < 0) {
            throw bad("--workers cannot be negative");
        }
        if (workers == 0 && kafka.bootstrapServers == null) {
            throw bad("--workers 0 needs --bootstrap-servers: the embedded broker has no other workers");
        }
        if (detach && workers != 0) {
            throw bad("--detach needs --workers 0: a scan with workers in this process ends with this process");
        }
        if (demo) {
            return runDemo();
        }
        if (assumeRole != null) {
            if (ssoSession != null || profile != null || ssoStartUrl != null || role != null) {
                throw bad("--assume-role (hub mode) and an SSO login (--sso-session, --profile, --sso-start-url, --role, --role-prefix) exclude each other");
            }
            if (!assumeRole.matches("[\\w+=,.@/-]{1,64}")) {
                throw bad("--assume-role: '" + assumeRole + "' is not an IAM role name");
            }
            checkRegion(hubRegion, "--hub-region");
            return run(settings(null, new HubSource(externalId, hubRegion), null), report);
        }
        if (externalId != null) {
            throw bad("--external-id goes with --assume-role");
        }
        return run(settings(resolveSso(), null, null), report);
    }

    private int runDemo() throws Exception {
        Files.createDirectories(DEMO_DIR);
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder().org(DemoOrganization.build())
                .latency(LatencySettings.parse(List.of("lognormal:20ms,80ms"))).build())) {
            var org = simulator.org();
            SsoSource sso = new SsoSource(org.ssoStartUrl(), org.ssoRegion(), "eksfleet-demo");
            Path cache = DEMO_DIR.resolve("sso-cache");
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("startUrl", sso.startUrl());
            token.put("region", sso.region());
            token.put("accessToken", simulator.issueAccessToken());
            token.put("expiresAt", Instant.now().plus(Duration.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            new SsoTokenCache(cache, java.time.Clock.systemUTC()).write(sso.cacheKey(), token);
            PrintWriter err = spec.commandLine().getErr();
            err.printf("eksfleet demo: simulated organisation %s (%d accounts, %d clusters) at %s, embedded Kafka; files in ./%s%n",
                    org.organizationId(), org.accounts().size(), org.clusterCount(), simulator.endpoint(), DEMO_DIR);
            err.flush();
            kubeconfig = DEMO_DIR.resolve("kubeconfig");
            awsConfig = DEMO_DIR.resolve("aws-config");
            tuning.ssoCache = cache;
            if (role == null) {
                role = new RoleChoice();
                role.name = "ReadOnly";
            }
            return run(settings(sso, null, simulator.endpoint()), report != null ? report : DEMO_DIR.resolve("report.json"));
        }
    }

    private int run(ScanSettings settings, Path reportFile) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScanRun.Result result = new ScanRun(settings, spec.commandLine().getErr(), System.console() != null).execute();
        if (result.written() != null && result.written().dryRun()) {
            out.print(result.written().preview());
        }
        if (reportFile != null && result.report() != null) {
            io.eksfleet.output.AtomicFile.write(reportFile, result.json() + "\n");
        }
        out.print(output.equals("json") ? result.json() + "\n" : result.summary());
        out.flush();
        return result.exitCode();
    }

    private ScanSettings settings(SsoSource sso, HubSource hub, java.net.URI endpoint) {
        ContextTemplate template;
        try {
            template = new ContextTemplate(contextTemplate);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        WorkerTuning t = tuning.resolve();
        List<AccountRef> accountRefs = new ArrayList<>();
        for (String id : accounts) {
            if (!id.matches("\\d{12}")) {
                throw bad("--accounts: '" + id + "' is not a 12-digit account id");
            }
            accountRefs.add(new AccountRef(id, id));
        }
        if (accountsFile != null) {
            accountRefs.addAll(AccountsFile.read(spec, accountsFile));
        }
        List<String> regionList = List.of();
        String regionMode = regions;
        if (!regions.equals("enabled") && !regions.equals("all")) {
            regionList = List.of(regions.split(","));
            regionMode = null;
            for (String r : regionList) {
                checkRegion(r, "--regions");
            }
        }
        String roleName = hub != null ? assumeRole : role != null ? role.name : profileSection().map(s -> s.get("sso_role_name")).orElse(null);
        List<String> prefixes = role != null && role.prefixes != null ? role.prefixes : List.of();
        if (roleName == null && prefixes.isEmpty()) {
            throw bad("say which role to use in each account: --role NAME or --role-prefix A,B");
        }
        Duration timeout = scanTimeout == null ? t.preset().scanTimeout() : duration(scanTimeout, "--scan-timeout");
        return new ScanSettings(sso, hub, roleName, prefixes, accountRefs, regionList, regionMode, kubeconfigPath(), awsConfigPath(),
                template, t, timeout, kafka.bootstrapServers == null ? null : kafka.required(spec), workers, detach, dryRun, prune,
                currentContext, tuning.ssoCache(), endpoint, kafka.connectTimeout(spec));
    }

    private void checkRegion(String r, String option) {
        if (!Region.regions().contains(Region.of(r)) || r.contains("gov") || r.startsWith("cn-") || r.startsWith("aws-")) {
            throw bad(option + ": '" + r + "' is not an AWS region (write e.g. us-east-1,eu-west-1" + (option.equals("--regions") ? ", or enabled, or all)" : ")"));
        }
    }

    private SsoSource resolveSso() {
        if (ssoStartUrl != null || ssoRegion != null) {
            if (ssoStartUrl == null || ssoRegion == null) {
                throw bad("--sso-start-url and --sso-region go together");
            }
            return new SsoSource(ssoStartUrl, ssoRegion, ssoSession);
        }
        if (ssoSession != null) {
            return session(ssoSession);
        }
        if (profile != null) {
            Map<String, String> p = profileSection().orElseThrow(() -> bad("no profile '" + profile + "' in " + awsConfigPath()
                    + ": check the name, or run aws configure sso"));
            if (p.get("sso_session") != null) {
                return session(p.get("sso_session"));
            }
            if (p.get("sso_start_url") != null && p.get("sso_region") != null) {
                return new SsoSource(p.get("sso_start_url"), p.get("sso_region"), null);
            }
            throw bad("profile '" + profile + "' is not an SSO profile (no sso_session or sso_start_url)");
        }
        throw bad("say how to log in: --sso-session NAME, --profile P, or --sso-start-url URL --sso-region R (or try --demo)");
    }

    private SsoSource session(String name) {
        Map<String, String> s = AwsConfigFile.load(awsConfigPath()).section("sso-session " + name)
                .orElseThrow(() -> bad("no [sso-session " + name + "] in " + awsConfigPath()
                        + ": run aws configure sso-session, or pass --sso-start-url and --sso-region"));
        if (s.get("sso_start_url") == null || s.get("sso_region") == null) {
            throw bad("[sso-session " + name + "] in " + awsConfigPath() + " needs sso_start_url and sso_region");
        }
        return new SsoSource(s.get("sso_start_url"), s.get("sso_region"), name);
    }

    private java.util.Optional<Map<String, String>> profileSection() {
        if (profile == null) {
            return java.util.Optional.empty();
        }
        return AwsConfigFile.load(awsConfigPath()).section(profile.equals("default") ? "default" : "profile " + profile);
    }

    private Path kubeconfigPath() {
        return kubeconfig != null ? kubeconfig : UserFiles.kubeconfig();
    }

    private Path awsConfigPath() {
        return awsConfig != null ? awsConfig : UserFiles.awsConfig();
    }

    private Duration duration(String text, String option) {
        return DurationOption.parse(spec, text, option);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
