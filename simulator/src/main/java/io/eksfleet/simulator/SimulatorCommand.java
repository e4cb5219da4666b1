package io.eksfleet.simulator;

import io.eksfleet.simulator.org.InvalidOrgException;
import io.eksfleet.simulator.org.OrgFiles;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.simulator.org.Partition;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eksfleet simulator}: runs the AWS API simulator in the foreground until interrupted. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs the AWS API simulator (SSO portal, SSO OIDC, EKS, EC2, STS, Organizations) on loopback.",
            "Point AWS clients at it with AWS_ENDPOINT_URL=http://127.0.0.1:PORT."})
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4566", description = "Port to listen on (0: a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--org", paramLabel = "FILE", description = "Organisation file (YAML or JSON); instead of generating one.")
    Path orgFile;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "20", description = "Generated org: member accounts. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(names = "--regions", paramLabel = "N", defaultValue = "4", description = "Generated org: enabled regions per account. Default: ${DEFAULT-VALUE}.")
    int regions;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "50", description = "Generated org: clusters in all. Default: ${DEFAULT-VALUE}.")
    int clusters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Generated org: seed; the same seed gives the same org. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partition", paramLabel = "P", defaultValue = "aws",
            description = "Generated org: AWS partition, aws, aws-us-gov or aws-cn (its ARNs, regions and endpoint suffix). Default: ${DEFAULT-VALUE}.")
    String partition;

    @Option(names = "--mixed-auth-modes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Generated org: clusters in all three authentication modes (API, API_AND_CONFIG_MAP, CONFIG_MAP), so some roles"
                    + " lack an access entry where it counts (--no-mixed-auth-modes: all API_AND_CONFIG_MAP). Default: ${DEFAULT-VALUE}.")
    boolean mixedAuthModes;

    @Option(names = "--write-org", paramLabel = "FILE", description = "Write the organisation to FILE (.yaml or .json) and exit.")
    Path writeOrg;

    @Option(names = "--latency", paramLabel = "SPEC", description = {
        "Answer latency: 0, fixed:40ms, uniform:20ms..80ms or lognormal:40ms,150ms (median,p99);",
        "TARGET=SPEC for one service (eks) or operation (eks:DescribeCluster). Repeatable. Default: 0."})
    List<String> latency = new ArrayList<>();

    @Option(names = "--throttle-rate", paramLabel = "F", defaultValue = "0", description = "Fraction of calls throttled regardless of budgets. Default: ${DEFAULT-VALUE}.")
    double throttleRate;

    @Option(names = "--error-rate", paramLabel = "F", defaultValue = "0", description = "Fraction of calls answered 500/503. Default: ${DEFAULT-VALUE}.")
    double errorRate;

    @Option(names = "--slow-rate", paramLabel = "F", defaultValue = "0", description = "Fraction of calls slowed by --slow-latency. Default: ${DEFAULT-VALUE}.")
    double slowRate;

    @Option(names = "--slow-latency", paramLabel = "D", defaultValue = "5s", description = "Extra delay of a slow call. Default: ${DEFAULT-VALUE}.")
    String slowLatency;

    @Option(names = "--deny-accounts", split = ",", paramLabel = "ID", description = "Accounts whose EKS and EC2 calls get AccessDenied.")
    List<String> denyAccounts = new ArrayList<>();

    @Option(names = "--deny-regions", split = ",", paramLabel = "REGION", description = "Regions whose EKS and EC2 calls get AccessDenied.")
    List<String> denyRegions = new ArrayList<>();

    @Option(names = "--sso-rps", paramLabel = "N", defaultValue = "20", description = "SSO portal budget for the organisation, requests/s (0: none). Default: ${DEFAULT-VALUE}.")
    double ssoRps;

    @Option(names = "--eks-rps", paramLabel = "N", defaultValue = "10", description = "EKS budget per account and region, requests/s (0: none). Default: ${DEFAULT-VALUE}.")
    double eksRps;

    @Option(names = "--eks-burst", paramLabel = "N", defaultValue = "20", description = "EKS bucket size per account and region. Default: ${DEFAULT-VALUE}.")
    int eksBurst;

    @Option(names = "--ec2-bucket", paramLabel = "N", defaultValue = "100", description = "EC2 bucket size per account and region. Default: ${DEFAULT-VALUE}.")
    int ec2Bucket;

    @Option(names = "--ec2-refill", paramLabel = "N", defaultValue = "20", description = "EC2 bucket refill per second (0: no limit). Default: ${DEFAULT-VALUE}.")
    double ec2Refill;

    @Option(names = "--sts-rps", paramLabel = "N", defaultValue = "100", description = "STS budget per calling account, requests/s (0: none). Default: ${DEFAULT-VALUE}.")
    double stsRps;

    @Option(names = "--organizations-rps", paramLabel = "N", defaultValue = "10", description = "Organizations budget, requests/s (0: none). Default: ${DEFAULT-VALUE}.")
    double organizationsRps;

    @Option(names = "--no-limits", description = "Turn every rate budget off.")
    boolean noLimits;

    @Option(names = "--credential-ttl", paramLabel = "D", defaultValue = "1h", description = "Lifetime of role credentials. Default: ${DEFAULT-VALUE}.")
    String credentialTtl;

    @Option(names = "--token-ttl", paramLabel = "D", defaultValue = "8h", description = "Lifetime of SSO access tokens. Default: ${DEFAULT-VALUE}.")
    String tokenTtl;

    @Option(names = "--approve-after-polls", paramLabel = "N", defaultValue = "1", description = "Device-login polls answered authorization_pending before approval. Default: ${DEFAULT-VALUE}.")
    int approveAfterPolls;

    @Option(names = "--kubernetes-api", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve a minimal Kubernetes API over TLS for every cluster, at the endpoint DescribeCluster returns, so kubectl works"
                    + " with the kubeconfig a scan writes (--no-kubernetes-api: return the modelled endpoints). Default: ${DEFAULT-VALUE}.")
    boolean kubernetesApi;

    @Override
    public Integer call() throws Exception {
        SimulatorConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        if (writeOrg != null) {
            OrgFiles.write(config.org(), writeOrg);
            out.println("wrote the organisation to " + writeOrg);
            out.flush();
            return 0;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(config);
        } catch (BindException e) {
            throw new ParameterException(spec.commandLine(), "port " + port + " on " + bind
                    + " is in use or cannot be bound: pick another with --port");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        Organization org = simulator.org();
        out.printf("eksfleet simulator listening on %s%n", simulator.endpoint());
        out.printf("  organisation %s (partition %s): %d accounts, %d clusters; SSO start URL %s (region %s)%n", org.organizationId(),
                org.partition().id(), org.accounts().size(), org.clusterCount(), org.ssoStartUrl(), org.ssoRegion());
        out.printf("  clients:  export AWS_ENDPOINT_URL=%s%n", simulator.endpoint());
        out.printf("  hub mode: AWS_ACCESS_KEY_ID=%s, secret key in %s/_simulator/org%n", org.hub().accessKeyId(), simulator.endpoint());
        out.printf("  counters: %s/_simulator/calls%n", simulator.endpoint());
        out.flush();
        stopped.await();
        return 0;
    }

    SimulatorConfig config() {
        Organization org;
        try {
            org = orgFile != null ? OrgFiles.read(orgFile) : OrgGenerator.generate(accounts, regions, clusters, seed,
                    new OrgGenerator.Options(Partition.of(partition), mixedAuthModes));
        } catch (InvalidOrgException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            RateLimits limits = noLimits ? RateLimits.UNLIMITED
                    : new RateLimits(ssoRps, eksRps, eksBurst, ec2Bucket, ec2Refill, stsRps, organizationsRps);
            Set<String> deniedAccounts = new HashSet<>(denyAccounts);
            for (String id : deniedAccounts) {
                if (!id.matches("\\d{12}")) {
                    throw new IllegalArgumentException("--deny-accounts: '" + id + "' is not a 12-digit account id");
                }
            }
            FaultSettings faults = new FaultSettings(throttleRate, errorRate, slowRate, LatencyModel.duration(slowLatency),
                    deniedAccounts, new HashSet<>(denyRegions));
            return SimulatorConfig.builder()
                    .bindAddress(bind)
                    .port(port)
                    .org(org)
                    .latency(LatencySettings.parse(latency))
                    .limits(limits)
                    .faults(faults)
                    .roleCredentialTtl(LatencyModel.duration(credentialTtl))
                    .accessTokenTtl(LatencyModel.duration(tokenTtl))
                    .deviceApprovalPolls(approveAfterPolls)
                    .kubernetesApi(kubernetesApi)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
