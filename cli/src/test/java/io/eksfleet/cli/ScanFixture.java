package io.eksfleet.cli;

import io.eksfleet.cli.runtime.EmbeddedBroker;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.sso.SsoTokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What scan tests run against: a real Kafka broker (embedded KRaft), the simulator reached the way a user
 * reaches it (the SDK's {@code aws.endpointUrl}), and an SSO token cache holding a simulator-issued token.
 */
final class ScanFixture implements AutoCloseable, AfterAllCallback {

    /** A Kafka the tests run against: the embedded KRaft broker here, a container in the Testcontainers suite. */
    interface Broker extends AutoCloseable {
        String bootstrapServers();

        @Override
        void close();

        static Broker embedded() {
            EmbeddedBroker embedded = EmbeddedBroker.start();
            return new Broker() {
                @Override
                public String bootstrapServers() {
                    return embedded.bootstrapServers();
                }

                @Override
                public void close() {
                    embedded.close();
                }
            };
        }
    }

    final Broker broker;
    final Simulator sim;
    final Path cache;

    ScanFixture(Organization org, RateLimits limits) throws Exception {
        this(org, limits, Broker.embedded());
    }

    ScanFixture(Organization org, RateLimits limits, Broker broker) throws Exception {
        this(SimulatorConfig.builder().org(org).limits(limits), broker);
    }

    /** A simulator configured by {@code simulator}, e.g. with the Kubernetes API that kubectl talks to. */
    ScanFixture(SimulatorConfig.Builder simulator, Broker broker) throws Exception {
        this.broker = broker;
        sim = Simulator.start(simulator.build());
        System.setProperty("aws.endpointUrl", sim.endpoint().toString());
        cache = Files.createTempDirectory("sso-cache");
    }

    /**
     * A fixture logged in to {@code org}'s IAM Identity Center as {@code session}, for the tests of one class that
     * share it ({@code @TestInstance(PER_CLASS)}), closed after them:
     * {@code @RegisterExtension final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);}
     */
    static ScanFixture loggedIn(Organization org, String session) {
        try {
            ScanFixture fixture = new ScanFixture(org, RateLimits.UNLIMITED);
            fixture.login(org, session);
            return fixture;
        } catch (Exception e) {
            throw new IllegalStateException("the simulator and broker of the test did not start", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The organisation's hub identity, as the roles' default credential chain finds it, until {@link #close()}. */
    void hubIdentity(Organization org) {
        System.setProperty("aws.accessKeyId", org.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", org.hub().secretAccessKey());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A login to {@code org}'s IAM Identity Center, cached under {@code session} as aws sso login caches it. */
    void login(Organization org, String session) throws Exception {
        login(org, session, cache);
    }

    /** The same, in the token cache directory {@code into}. */
    void login(Organization org, String session, Path into) throws Exception {
        Map<String, Object> token = new HashMap<>();
        token.put("startUrl", org.ssoStartUrl());
        token.put("region", org.ssoRegion());
        token.put("accessToken", sim.issueAccessToken());
        token.put("expiresAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        new SsoTokenCache(into, Clock.systemUTC()).write(session, token);
    }

    /** {@code eksfleet scan} through that login, with role ReadOnly, on the fixture's broker, writing under {@code dir}. */
    List<String> scanArgs(Organization org, String session, Path kubeconfig, Path awsConfig) {
        return new ArrayList<>(List.of("scan", "--sso-start-url", org.ssoStartUrl(), "--sso-region", org.ssoRegion(),
                "--sso-session", session, "--sso-cache", cache.toString(), "--role", "ReadOnly",
                "--bootstrap-servers", bootstrapServers(), "--kubeconfig", kubeconfig.toString(),
                "--aws-config", awsConfig.toString()));
    }

    /** Runs that scan, with {@code extra} options. */
    CliRun scan(Organization org, String session, Path kubeconfig, Path awsConfig, String... extra) {
        List<String> args = scanArgs(org, session, kubeconfig, awsConfig);
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The clusters of {@code org} that a kubeconfig gets entries for (ACTIVE and UPDATING), by ARN. */
    static List<Organization.OrgCluster> connectable(Organization org) {
        return org.clusters()
                .filter(c -> c.cluster().status() == ClusterStatus.ACTIVE || c.cluster().status() == ClusterStatus.UPDATING)
                .sorted(java.util.Comparator.comparing(Organization.OrgCluster::arn)).toList();
    }

    @Override
    public void close() {
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        sim.close();
        broker.close();
    }
}
