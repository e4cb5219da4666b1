package io.eksfleet.bench;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksAsyncClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

/**
 * How many calls per second the simulator serves with zero latency and no limits, to real SDK clients in
 * the same process (client and server share the cores, as they do in tests and benchmarks): signed EKS
 * DescribeCalls from a sync Apache client on several threads, and from the async Netty client with many
 * calls in flight.
 */
final class SimulatorThroughput {

    record Result(String client, int concurrency, long calls, long served, Duration elapsed) {
        double perSecond() {
            return calls / (elapsed.toNanos() / 1e9);
        }
    }

    private final Duration measure;
    private final Duration warmUp;

    SimulatorThroughput(Duration measure, Duration warmUp) {
        this.measure = measure;
        this.warmUp = warmUp;
    }

    List<Result> run() throws Exception {
        Organization org = OrgGenerator.generate(20, 4, 50, 1);
        SimulatorConfig config = SimulatorConfig.builder().org(org).latency(LatencySettings.NONE)
                .limits(RateLimits.UNLIMITED).build();
        try (Simulator sim = Simulator.start(config)) {
            Organization.OrgCluster target = org.clusters().findFirst().orElseThrow();
            StaticCredentialsProvider credentials = credentials(sim, target.account().id());
            Region region = Region.of(target.cluster().region());
            String name = target.cluster().name();
            List<Result> results = new ArrayList<>();
            try (EksClient sync = EksClient.builder().endpointOverride(sim.endpoint()).region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build()) {
                for (int threads : new int[] {1, 16}) {
                    runSync(sync, name, threads, warmUp);
                    sim.calls().reset();
                    long start = System.nanoTime();
                    long calls = runSync(sync, name, threads, measure);
                    results.add(new Result("sync Apache", threads, calls, sim.calls().count(Api.EKS_DESCRIBE_CLUSTER),
                            Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            try (EksAsyncClient async = EksAsyncClient.builder().endpointOverride(sim.endpoint()).region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build()) {
                runAsync(async, name, 64, warmUp);
                sim.calls().reset();
                long start = System.nanoTime();
                long calls = runAsync(async, name, 64, measure);
                results.add(new Result("async Netty", 64, calls, sim.calls().count(Api.EKS_DESCRIBE_CLUSTER),
                        Duration.ofNanos(System.nanoTime() - start)));
            }
            return results;
        }
    }

    private static StaticCredentialsProvider credentials(Simulator sim, String accountId) {
        try (SsoClient sso = SsoClient.builder().endpointOverride(sim.endpoint()).region(Region.of(sim.org().ssoRegion()))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            RoleCredentials rc = sso.getRoleCredentials(r -> r.accessToken(sim.issueAccessToken())
                    .accountId(accountId).roleName(OrgGenerator.ROLES.get(1))).roleCredentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(rc.accessKeyId(), rc.secretAccessKey(),
                    rc.sessionToken()));
        }
    }

    private static long runSync(EksClient eks, String name, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    eks.describeCluster(r -> r.name(name));
                    done.increment();
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.sum();
    }

    private static long runAsync(EksAsyncClient eks, String name, int inFlight, Duration duration) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            slots.acquire();
            CompletableFuture<?> call = eks.describeCluster(r -> r.name(name));
            call.whenComplete((ok, error) -> {
                (error == null ? done : failed).increment();
                slots.release();
            });
        }
        slots.acquire(inFlight);
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " calls failed during the throughput run");
        }
        return done.sum();
    }
}
