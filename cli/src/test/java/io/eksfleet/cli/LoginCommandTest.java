package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.SsoSource;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.sso.SsoToken;
import io.eksfleet.sso.SsoTokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;

class LoginCommandTest {

    @TempDir
    Path dir;

    @Test
    void deviceLoginWritesATokenCacheTheAwsSdksAndTheScanRead() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(OrgGenerator.generate(3, 1, 0, 4)).build())) {
            var org = sim.org();
            Path cache = dir.resolve("cache");
            Path config = dir.resolve("aws-config");
            Files.writeString(config, "[profile other]\nregion = eu-west-1\n");
            CliRun run = CliRun.of("login", "--sso-start-url", org.ssoStartUrl(), "--sso-region", org.ssoRegion(),
                    "--sso-session", "work", "--sso-cache", cache.toString(), "--aws-config", config.toString(),
                    "--endpoint-url", sim.endpoint().toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("user_code=").contains("Logged in");

            Path file = cache.resolve(SsoTokenCache.fileName("work"));
            assertThat(file.getFileName().toString()).isEqualTo(SsoTokenCache.fileName("work"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Map<String, Object> json = io.eksfleet.topic.Messages.MAPPER.readValue(file.toFile(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(json.keySet()).contains("startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret",
                    "registrationExpiresAt", "refreshToken");
            assertThat((String) json.get("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

            SsoToken token = new SsoTokenCache(cache, Clock.systemUTC()).read(new SsoSource(org.ssoStartUrl(), org.ssoRegion(), "work"));
            try (SsoClient sso = SsoClient.builder().endpointOverride(sim.endpoint()).region(Region.of(org.ssoRegion()))
                    .httpClientBuilder(Apache5HttpClient.builder()).build()) {
                assertThat(sso.listAccounts(r -> r.accessToken(token.accessToken())).accountList()).hasSize(3);
            }
            assertThat(Files.readString(config)).isEqualTo("[profile other]\nregion = eu-west-1\n\n[sso-session work]\nsso_start_url = "
                    + org.ssoStartUrl() + "\nsso_region = " + org.ssoRegion() + "\nsso_registration_scopes = sso:account:access\n");
            assertThat(run.err()).doesNotContain(token.accessToken());
        }
    }

    @Test
    void aSessionOrProfileOfTheAwsConfigIsEnoughToLogIn() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(OrgGenerator.generate(2, 1, 0, 5)).build())) {
            var org = sim.org();
            Path config = dir.resolve("aws-config");
            String text = "[sso-session corp]\nsso_start_url = " + org.ssoStartUrl() + "\nsso_region = " + org.ssoRegion()
                    + "\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n";
            Files.writeString(config, text);
            for (String[] login : new String[][] {{"--sso-session", "corp"}, {"--profile", "dev"}}) {
                Path cache = dir.resolve("cache-" + login[1]);
                CliRun run = CliRun.of("login", login[0], login[1], "--sso-cache", cache.toString(), "--aws-config", config.toString(),
                        "--endpoint-url", sim.endpoint().toString());
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(new SsoTokenCache(cache, Clock.systemUTC()).read(new SsoSource(org.ssoStartUrl(), org.ssoRegion(), "corp"))
                        .accessToken()).isNotBlank();
            }
            assertThat(Files.readString(config)).as("a session read from the config is left as it is").isEqualTo(text);

            CliRun missing = CliRun.of("login", "--sso-session", "nope", "--aws-config", config.toString());
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).isEqualTo("eksfleet login: no [sso-session nope] in " + io.eksfleet.aws.UserFiles.awsConfig() + " or " + config
                    + ": run aws configure sso-session, or pass --sso-start-url and --sso-region (see: eksfleet login --help)\n");
        }
    }
}
