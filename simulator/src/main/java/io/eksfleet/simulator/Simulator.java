package io.eksfleet.simulator;

import com.sun.net.httpserver.HttpServer;
import io.eksfleet.simulator.org.Organization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The AWS API simulator: one HTTP server on loopback that answers the SSO portal, SSO OIDC, EKS, EC2, STS
 * and Organizations calls eksfleet makes, in their wire format, for a simulated organisation.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(org).build())) {
 *     EksClient eks = EksClient.builder().endpointOverride(sim.endpoint())...;
 *     ...
 *     assertThat(sim.calls().count(Api.EKS_DESCRIBE_CLUSTER)).isEqualTo(n);
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    static {
        // Without it the JDK server answers keep-alive requests ~40 ms late (Nagle plus delayed ACK).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor delayer;
    private final SimulatedAws aws;
    private final HttpFront front;
    private final CallLog calls = new CallLog();
    private final KubernetesApi kubernetes;
    private final ClusterLifecycle lifecycle;

    private Simulator(SimulatorConfig config) throws IOException {
        this.aws = new SimulatedAws(config, Clock.systemUTC());
        this.workers = Executors.newFixedThreadPool(config.threads(), daemonThreads("sim-http"));
        this.delayer = new ScheduledThreadPoolExecutor(2, daemonThreads("sim-latency"));
        this.delayer.setRemoveOnCancelPolicy(true);
        this.kubernetes = config.kubernetesApi() ? KubernetesApi.start(aws, config.bindAddress(), workers) : null;
        if (kubernetes != null) {
            aws.endpoints = kubernetes.endpoints();
        }
        this.lifecycle = new ClusterLifecycle(aws, Clock.systemUTC());
        this.front = new HttpFront(aws, calls, delayer, lifecycle);
        this.server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
        server.createContext("/", front::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** Starts a simulator; a {@link java.net.BindException} says the port is taken. */
    public static Simulator start(SimulatorConfig config) throws IOException {
        return new Simulator(config);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL every AWS client of a test points at: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * Requests the simulated Kubernetes API answered and refused (a bad, foreign or expired token); zeros when
     * it does not run.
     */
    public long[] kubernetesRequests() {
        return kubernetes == null ? new long[2] : new long[] {kubernetes.accepted(), kubernetes.refused()};
    }

    public Organization org() {
        return aws.org().org;
    }

    /** Swaps the organisation, e.g. to delete a cluster between two scans. */
    public void updateOrg(UnaryOperator<Organization> change) {
        synchronized (aws) {
            aws.replaceOrg(change.apply(org()));
        }
    }

    /** Clusters created, upgraded and deleted while the simulator runs, with the CloudTrail events of those calls. */
    public ClusterLifecycle clusters() {
        return lifecycle;
    }

    public CallLog calls() {
        return calls;
    }

    public FaultSettings faults() {
        return aws.faults.get();
    }

    public void updateFaults(UnaryOperator<FaultSettings> change) {
        aws.faults.updateAndGet(change);
    }

    public RateLimits limits() {
        return aws.budgets.limits();
    }

    /** New limits start with full buckets. */
    public void limits(RateLimits limits) {
        aws.budgets.limits(limits);
    }

    public void latency(LatencySettings latency) {
        front.latency(latency);
    }

    public SimulatorConfig config() {
        return aws.config;
    }

    /** An SSO access token, as if the user had just completed {@code aws sso login}. */
    public String issueAccessToken() {
        return aws.sso.issue("simulator", aws.config.accessTokenTtl()).accessToken();
    }

    /**
     * Ends every SSO session, as an administrator does in IAM Identity Center ("revoke active sessions"): access
     * tokens are refused from now on, and refresh tokens cannot be redeemed.
     */
    public void revokeSsoSessions() {
        aws.sso.revokeAll();
    }

    /**
     * Every secret handed out so far (SSO access and refresh tokens, client secrets, secret access keys,
     * session tokens), for tests that check none of them leaks.
     */
    public Set<String> issuedSecrets() {
        Set<String> out = new HashSet<>(aws.sso.secrets());
        out.addAll(aws.keys.secrets());
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        lifecycle.close();
        if (kubernetes != null) {
            kubernetes.close();
        }
        delayer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
