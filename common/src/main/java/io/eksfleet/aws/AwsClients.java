package io.eksfleet.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.eks.EksAsyncClient;
import software.amazon.awssdk.services.sso.SsoAsyncClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;
import io.eksfleet.sso.TokenRefresher;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The AWS clients of one process: async clients on one shared Netty HTTP client, one per service and
 * region, created on first use. They carry no credentials of their own: every call names the account's
 * credentials, so one client serves every account of a region.
 *
 * <p>Endpoints: {@code endpoint} when given (the embedded simulator), else the SDK's own resolution, which
 * honours {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}. Every HTTP client trusts the CA bundle of
 * {@code AWS_CA_BUNDLE} ({@link CaBundle}) and goes through the HTTPS proxy of the environment ({@link HttpsProxy}),
 * as the AWS CLI does.
 */
public final class AwsClients implements AutoCloseable {

    /** Calls without their own credentials are a bug; this says so instead of falling back to the default chain. */
    private static final AwsCredentialsProvider NONE = () -> {
        throw new IllegalStateException("an AWS call was made without the account's credentials");
    };

    /** Threads that complete the SDK's futures (and so run the stages' continuations), shared by every client. */
    private static final int COMPLETION_THREADS = 2;

    private final URI endpoint;
    private final Duration attemptTimeout;
    private final SdkEventLoopGroup eventLoops;
    private final ExecutorService completions;
    private final ScheduledThreadPoolExecutor timers;
    private final SdkAsyncHttpClient http;
    private final Map<String, EksAsyncClient> eks = new ConcurrentHashMap<>();
    private final Map<String, Ec2AsyncClient> ec2 = new ConcurrentHashMap<>();
    private final Map<String, SsoAsyncClient> sso = new ConcurrentHashMap<>();
    private final Map<String, StsAsyncClient> sts = new ConcurrentHashMap<>();

    /**
     * @param endpoint all services at this URL, or null for the SDK's endpoint resolution
     * @param maxConcurrency HTTP connections the shared client may open
     * @param attemptTimeout the longest one HTTP attempt may take
     */
    public AwsClients(URI endpoint, int maxConcurrency, Duration attemptTimeout) {
        this.endpoint = endpoint;
        this.attemptTimeout = attemptTimeout;
        this.eventLoops = SdkEventLoopGroup.builder().build();
        // The SDK gives every client a completion pool of its own: with a client per service and region that is
        // hundreds of threads (memory, wake-ups) for work that two threads keep up with.
        this.completions = Executors.newFixedThreadPool(COMPLETION_THREADS, task -> {
            Thread thread = new Thread(task, "eksfleet-aws-completion");
            thread.setDaemon(true);
            return thread;
        });
        // Left alone, the SDK gives every client a scheduler of five threads for its attempt timeouts: with a client per
        // service and region, 50 to 180 threads whose wake-ups cost a worker about a twentieth of its CPU.
        this.timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "eksfleet-aws-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // A timeout is cancelled when its call ends, nearly always long before it is due: dropped at once, not held
        // for its whole delay (a quarter of a million calls in a scan of 10,000 accounts).
        timers.setRemoveOnCancelPolicy(true);
        NettyNioAsyncHttpClient.Builder netty = NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency).eventLoopGroup(eventLoops)
                .connectionAcquisitionTimeout(Duration.ofMinutes(2));
        CaBundle.trustManagers().ifPresent(netty::tlsTrustManagersProvider);
        HttpsProxy.fromEnvironment().ifPresent(proxy -> netty.proxyConfiguration(proxy.netty()));
        this.http = netty.build();
    }

    public EksAsyncClient eks(String region) {
        return eks.computeIfAbsent(region, r -> build(EksAsyncClient.builder(), r, NONE));
    }

    public Ec2AsyncClient ec2(String region) {
        return ec2.computeIfAbsent(region, r -> build(Ec2AsyncClient.builder(), r, NONE));
    }

    /** The SSO portal of an IAM Identity Center region; its calls are unsigned (the token is the credential). */
    public SsoAsyncClient sso(String region) {
        return sso.computeIfAbsent(region, r -> build(SsoAsyncClient.builder(), r, AnonymousCredentialsProvider.create()));
    }

    /**
     * STS with this process's own identity (the SDK's default chain: environment, system properties, web
     * identity, profile, container or instance role): the hub from which hub mode assumes account roles.
     */
    public StsAsyncClient sts(String region) {
        return sts.computeIfAbsent(region, r -> build(StsAsyncClient.builder(), r, DefaultCredentialsProvider.builder().build()));
    }

    /**
     * Builds the clients of {@code region} now: a worker does it while it joins its group, so that its first
     * tasks do not pay for loading and initialising the SDK.
     */
    public void prepare(String region) {
        sts(region);
        ec2(region);
        eks(region);
        sso(region);
    }

    /** The endpoint every service is called at, or null for the SDK's resolution. */
    public URI endpoint() {
        return endpoint;
    }

    /** A sync OIDC client for the device login, which runs once and waits for a person anyway. */
    public SsoOidcClient oidc(String region) {
        return oidc(endpoint, region);
    }

    private static SsoOidcClient oidc(URI endpoint, String region) {
        var builder = SsoOidcClient.builder().region(Region.of(region)).httpClientBuilder(syncHttp())
                .credentialsProvider(AnonymousCredentialsProvider.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * The HTTP client of the synchronous clients made for one-off work (the device login, a token refresh, the
     * organisation's listing), with the same CA bundle and proxy as the async ones.
     */
    public static Apache5HttpClient.Builder syncHttp() {
        Apache5HttpClient.Builder apache = Apache5HttpClient.builder();
        CaBundle.trustManagers().ifPresent(apache::tlsTrustManagersProvider);
        HttpsProxy.fromEnvironment().ifPresent(proxy -> apache.proxyConfiguration(proxy.apache()));
        return apache;
    }

    /**
     * Refreshes SSO access tokens with the SDK's OIDC client, as its own {@code SsoOidcTokenProvider} does; that
     * provider itself cannot serve, because it reads only {@code ~/.aws/sso/cache} and only {@code sso-session}
     * logins, while eksfleet also reads other cache directories ({@code --sso-cache}) and start-URL logins.
     *
     * @param endpoint the OIDC endpoint, or null for the SDK's resolution
     */
    public static TokenRefresher tokenRefresher(URI endpoint) {
        return (region, clientId, clientSecret, refreshToken) -> {
            try (SsoOidcClient oidc = oidc(endpoint, region)) {
                CreateTokenResponse created = oidc.createToken(r -> r.grantType("refresh_token").clientId(clientId)
                        .clientSecret(clientSecret).refreshToken(refreshToken));
                return new TokenRefresher.Refreshed(created.accessToken(), Duration.ofSeconds(created.expiresIn()),
                        created.refreshToken());
            } catch (SsoOidcException e) {
                throw new IllegalStateException(e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName());
            }
        };
    }

    private <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder, String region,
                                                                                         AwsCredentialsProvider credentials) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(http)
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completions))
                // One attempt per call: eksfleet retries itself, within its budgets (README, "Retries").
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout).scheduledExecutorService(timers).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void close() {
        closeAll(eks, EksAsyncClient::close);
        closeAll(ec2, Ec2AsyncClient::close);
        closeAll(sso, SsoAsyncClient::close);
        closeAll(sts, StsAsyncClient::close);
        http.close();
        // The SDK would close its own event loops gracefully: two quiet seconds on every exit. Every call has ended
        // or been given up by now, so there is nothing left to be quiet for.
        eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
        completions.shutdown();
        timers.shutdownNow();
    }

    private static <C> void closeAll(Map<String, C> clients, java.util.function.Consumer<C> close) {
        clients.values().forEach(close);
        clients.clear();
    }
}
