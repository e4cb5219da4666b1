package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksfleet.simulator.Api;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/** An SSO login whose access token ran out, refreshed as the AWS CLI v2 refreshes it: real SDK, the simulator's OIDC. */
class SsoRefreshTest {

    static final Organization ORG = OrgGenerator.generate(3, 2, 4, 41);

    @TempDir
    Path dir;

    @Test
    void anExpiredAccessTokenIsRefreshedWrittenBackAsTheAwsCliWritesItAndARevokedOneEndsInOneLine() throws Exception {
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            Path config = dir.resolve("aws-config");
            CliRun login = CliRun.of("login", "--sso-start-url", ORG.ssoStartUrl(), "--sso-region", ORG.ssoRegion(),
                    "--sso-session", "work", "--sso-cache", fixture.cache.toString(), "--aws-config", config.toString());
            assertThat(login.exitCode()).as(login.err()).isZero();
            Path file = fixture.cache.resolve(SsoTokenCache.fileName("work"));
            Map<String, Object> cached = read(file);
            cached.put("expiresAt", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString());
            Files.writeString(file, Messages.MAPPER.writeValueAsString(cached));

            CliRun scan = fixture.scan(ORG, "work", dir.resolve("kubeconfig"), config);

            assertThat(scan.exitCode()).as(scan.err()).isZero();
            Map<String, Object> refreshed = read(file);
            assertThat(refreshed.keySet()).containsExactlyElementsOf(cached.keySet());
            assertThat(Instant.parse((String) refreshed.get("expiresAt"))).isAfter(Instant.now().plusSeconds(600));
            assertThat(refreshed.get("accessToken")).isNotEqualTo(cached.get("accessToken"));
            for (String kept : new String[] {"startUrl", "region", "clientId", "clientSecret", "registrationExpiresAt"}) {
                assertThat(refreshed.get(kept)).as(kept).isEqualTo(cached.get(kept));
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(scan.err()).doesNotContain((String) refreshed.get("accessToken")).doesNotContain((String) refreshed.get("refreshToken"));

            refreshed.put("expiresAt", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString());
            refreshed.put("refreshToken", "a-refresh-token-that-was-revoked");
            Files.writeString(file, Messages.MAPPER.writeValueAsString(refreshed));

            CliRun refused = fixture.scan(ORG, "work", dir.resolve("kubeconfig"), config);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().lines()).hasSize(1);
            assertThat(refused.err()).contains("expired at", "its refresh was refused (InvalidGrantException)",
                    "run aws sso login --sso-session work");
        }
    }

    @Test
    void aLoginThatExpiresSeveralTimesDuringTheScanIsRefreshedEachTimeAndTheScanCompletes() throws Exception {
        Organization org = OrgGenerator.generate(40, 2, 30, 43);
        SimulatorConfig.Builder simulator = SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED)
                .latency(LatencySettings.parse(List.of("fixed:150ms"))).accessTokenTtl(Duration.ofSeconds(2));
        try (ScanFixture fixture = new ScanFixture(simulator, ScanFixture.Broker.embedded())) {
            Path config = dir.resolve("aws-config");
            login(fixture, org, config);
            Path file = fixture.cache.resolve(SsoTokenCache.fileName("work"));
            Instant loggedIn = Instant.parse((String) read(file).get("expiresAt"));

            CliRun scan = fixture.scan(org, "work", dir.resolve("kubeconfig"), config, "--sso-rps", "10");

            assertThat(scan.exitCode()).as(scan.err() + scan.out()).isZero();
            assertThat(scan.out()).contains("40 planned, 40 scanned, 0 skipped, 0 failed");
            long seconds = Long.parseLong(scan.out().replaceFirst("(?s)^Scan \\S+ complete in (\\d+)\\.\\d s.*", "$1"));
            assertThat(seconds).as("the scan outlives several tokens").isGreaterThanOrEqualTo(4);
            assertThat(fixture.sim.calls().count(Api.OIDC_CREATE_TOKEN)).as("the login's token, then refreshes").isGreaterThanOrEqualTo(3);
            assertThat(Instant.parse((String) read(file).get("expiresAt"))).isAfter(loggedIn);
        }
    }

    @Test
    void aLoginRevokedDuringTheScanEndsTheRestOfItsAccountsWithOneGroupedLine() throws Exception {
        Organization org = OrgGenerator.generate(40, 2, 30, 47);
        SimulatorConfig.Builder simulator = SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED)
                .latency(LatencySettings.parse(List.of("fixed:150ms")));
        try (ScanFixture fixture = new ScanFixture(simulator, ScanFixture.Broker.embedded())) {
            Path config = dir.resolve("aws-config");
            login(fixture, org, config);

            CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(
                    () -> fixture.scan(org, "work", dir.resolve("kubeconfig"), config, "--sso-rps", "8"));
            await().atMost(Duration.ofMinutes(1)).until(() -> fixture.sim.calls().count(Api.SSO_GET_ROLE_CREDENTIALS) >= 10);
            fixture.sim.revokeSsoSessions();
            CliRun scan = running.get(2, TimeUnit.MINUTES);

            assertThat(scan.exitCode()).as(scan.err() + scan.out()).isEqualTo(2);
            List<String> grouped = scan.out().lines().filter(l -> l.contains("AWS no longer accepts the SSO login")).toList();
            assertThat(grouped).as(scan.out()).singleElement().satisfies(line -> {
                assertThat(line).matches("    accounts, \\d+ tasks: SsoLoginRequiredException AWS no longer accepts the SSO login for sso-session work"
                        + " \\(signed out, revoked or expired\\) and its refresh was refused \\(.*InvalidGrantException.*\\): run aws sso login"
                        + " --sso-session work .* \\(\\d{12}, \\d{12}, \\d{12} and \\d+ more\\)");
            });
            assertThat(scan.out()).doesNotContain("Session token not found");
            assertThat(scan.err().lines()).as(scan.err()).noneMatch(l -> l.contains("SSO login"));
        }
    }

    private void login(ScanFixture fixture, Organization org, Path config) {
        CliRun login = CliRun.of("login", "--sso-start-url", org.ssoStartUrl(), "--sso-region", org.ssoRegion(),
                "--sso-session", "work", "--sso-cache", fixture.cache.toString(), "--aws-config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
    }

    private static Map<String, Object> read(Path file) throws Exception {
        return Messages.MAPPER.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { });
    }
}
