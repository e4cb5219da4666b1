package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
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

    private static Map<String, Object> read(Path file) throws Exception {
        return Messages.MAPPER.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() { });
    }
}
