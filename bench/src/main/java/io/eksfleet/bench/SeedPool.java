package io.eksfleet.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.ListAccountsResponse;
import software.amazon.awssdk.services.sso.model.RoleCredentials;

/**
 * The seed CLI's design, done faithfully in Java for comparison: accounts through a pool of workers,
 * each account's regions through a nested pool, a fixed gap between task starts per pool, fixed-delay
 * retries, blocking SDK calls (the Go SDK's default retryer: standard mode). With one worker, one region
 * worker and no gap it is the seed's sequential "before".
 */
final class SeedPool {

    /** The seed's settings: workers per pool, the gap between task starts, retries and their fixed delay. */
    record Config(String name, int accountWorkers, int regionWorkers, Duration gap, int retries, Duration retryDelay) {
        static final Config SEQUENTIAL = new Config("sequential", 1, 1, Duration.ZERO, 3, Duration.ofSeconds(1));
        /** ConservativeConfig: what the seed's call sites use. */
        static final Config CONSERVATIVE = new Config("seed-pool-conservative", 5, 5, Duration.ofMillis(500), 5, Duration.ofSeconds(2));
        /** DefaultParallelConfig. */
        static final Config DEFAULT = new Config("seed-pool-default", 10, 10, Duration.ofMillis(100), 3, Duration.ofSeconds(1));

        static Config named(String name) {
            for (Config c : List.of(SEQUENTIAL, CONSERVATIVE, DEFAULT)) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown baseline " + name);
        }
    }

    /** What it found: cluster ARNs, and the accounts it gave up on. */
    record Result(Set<String> clusters, int failedAccounts) {
    }

    /** A fixed gap between task starts, as the seed's rate limiter spaced them. */
    private static final class Pacer {
        private final long gapNanos;
        private long next;

        Pacer(Duration gap) {
            this.gapNanos = gap.toNanos();
        }

        void await() throws InterruptedException {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long start = Math.max(now, next);
                next = start + gapNanos;
                wait = start - now;
            }
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private final Config config;
    private final URI endpoint;
    private final SdkHttpClient http;

    SeedPool(Config config, URI endpoint) {
        this.config = config;
        this.endpoint = endpoint;
        this.http = ApacheHttpClient.builder().maxConnections(Math.max(10, config.accountWorkers * config.regionWorkers)).build();
    }

    Result run(String ssoRegion, String accessToken, String role) throws Exception {
        Set<String> clusters = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        try (SsoClient sso = SsoClient.builder().endpointOverride(endpoint).region(Region.of(ssoRegion)).httpClient(http)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build()) {
            List<AccountInfo> accounts = new ArrayList<>();
            String next = null;
            do {
                String page = next;
                ListAccountsResponse response = retry(() -> sso.listAccounts(r -> r.accessToken(accessToken).nextToken(page)));
                accounts.addAll(response.accountList());
                next = response.nextToken();
            } while (next != null);
            ExecutorService pool = Executors.newFixedThreadPool(config.accountWorkers);
            Pacer pacer = new Pacer(config.gap);
            List<Future<?>> tasks = new ArrayList<>();
            for (AccountInfo account : accounts) {
                tasks.add(pool.submit(() -> {
                    try {
                        pacer.await();
                        scanAccount(sso, account.accountId(), accessToken, role, ssoRegion, clusters);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            pool.shutdown();
        } finally {
            http.close();
        }
        return new Result(clusters, failed.get());
    }

    private void scanAccount(SsoClient sso, String accountId, String token, String role, String ssoRegion, Set<String> clusters)
            throws Exception {
        RoleCredentials rc = retry(() -> sso.getRoleCredentials(r -> r.accessToken(token).accountId(accountId).roleName(role)))
                .roleCredentials();
        var credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(rc.accessKeyId(), rc.secretAccessKey(),
                rc.sessionToken()));
        List<String> regions;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.of(ssoRegion)).httpClient(http)
                .credentialsProvider(credentials).overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build()) {
            regions = retry(ec2::describeRegions).regions().stream().map(r -> r.regionName()).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(config.regionWorkers);
        Pacer pacer = new Pacer(config.gap);
        List<Future<?>> tasks = new ArrayList<>();
        for (String region : regions) {
            tasks.add(pool.submit(() -> {
                pacer.await();
                try (EksClient eks = EksClient.builder().endpointOverride(endpoint).region(Region.of(region)).httpClient(http)
                        .credentialsProvider(credentials).overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build()) {
                    String next = null;
                    do {
                        String page = next;
                        ListClustersResponse response = retry(() -> eks.listClusters(r -> r.nextToken(page)));
                        for (String name : response.clusters()) {
                            clusters.add(retry(() -> eks.describeCluster(r -> r.name(name))).cluster().arn());
                        }
                        next = response.nextToken();
                    } while (next != null);
                }
                return null;
            }));
        }
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The seed's retry: the same call again after a fixed delay, a fixed number of times. */
    private <T> T retry(Supplier<T> call) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (SdkException e) {
                if (attempt >= config.retries) {
                    throw e;
                }
                Thread.sleep(config.retryDelay.toMillis());
            }
        }
    }
}
