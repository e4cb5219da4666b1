package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessDeniedException;

/**
 * The SDK's own profile credentials chain against the simulator: an sso-session profile and a token cache
 * file in a temporary HOME (surefire points HOME at target/test-home), GetRoleCredentials through
 * {@code aws.endpointUrlSso}, then signed EKS calls with what it got.
 */
class ProfileCredentialsTest {

    static final String SESSION = "my-sso";
    static Organization org;
    static Account mine;
    static Account denied;
    static Simulator sim;
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        home = Path.of(System.getenv("HOME"));
        assertThat(home.toString()).as("tests must run with HOME in target/ (see simulator/pom.xml)").endsWith("test-home");
        org = OrgGenerator.generate(4, 3, 20, 17);
        mine = org.accounts().stream().filter(a -> !a.clusters().isEmpty()).findFirst().orElseThrow();
        denied = org.accounts().stream().filter(a -> a != mine).findFirst().orElseThrow();
        sim = Simulator.start(SimulatorConfig.builder().org(org).faults(FaultSettings.NONE.withDeniedAccounts(Set.of(denied.id()))).build());
        System.setProperty("aws.endpointUrlSso", sim.endpoint().toString());
        System.setProperty("aws.endpointUrlSsoOidc", sim.endpoint().toString());
        writeConfig();
        writeTokenCache(sim.issueAccessToken());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.endpointUrlSso");
        System.clearProperty("aws.endpointUrlSsoOidc");
        sim.close();
    }

    @Test
    void ssoSessionProfileGetsRoleCredentialsThatWorkForItsAccountOnly() {
        String region = mine.clusters().get(0).region();
        try (ProfileCredentialsProvider profile = ProfileCredentialsProvider.create("dev");
             EksClient eks = new AwsClients(sim).eks(region, profile)) {
            assertThat(profile.resolveCredentials().accessKeyId()).startsWith("ASIA");
            assertThat(eks.listClusters().clusters()).containsExactlyInAnyOrderElementsOf(
                    mine.clusters().stream().filter(c -> c.region().equals(region)).map(Cluster::name).toList());
        }
        assertThat(sim.calls().count(c -> c.api() == Api.SSO_GET_ROLE_CREDENTIALS && c.account().equals(mine.id())
                && c.outcome() == Outcome.OK)).isEqualTo(1);

        try (ProfileCredentialsProvider profile = ProfileCredentialsProvider.create("denied");
             EksClient eks = new AwsClients(sim).eks(denied.regions().get(0), profile)) {
            assertThatThrownBy(eks::listClusters).isInstanceOf(AccessDeniedException.class);
        }
        try (ProfileCredentialsProvider profile = ProfileCredentialsProvider.create("unassigned")) {
            assertThatThrownBy(profile::resolveCredentials).hasStackTraceContaining("No access");
        }
    }

    private static void writeConfig() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile dev]
                sso_session = %1$s
                sso_account_id = %2$s
                sso_role_name = ReadOnly
                region = us-east-1

                [profile denied]
                sso_session = %1$s
                sso_account_id = %3$s
                sso_role_name = ReadOnly

                [profile unassigned]
                sso_session = %1$s
                sso_account_id = %2$s
                sso_role_name = NotAssignedAnywhere

                [sso-session %1$s]
                sso_region = %4$s
                sso_start_url = %5$s
                sso_registration_scopes = sso:account:access
                """.formatted(SESSION, mine.id(), denied.id(), org.ssoRegion(), org.ssoStartUrl()));
    }

    /** The file {@code aws sso login} writes: ~/.aws/sso/cache/sha1(session name).json. */
    private static void writeTokenCache(String accessToken) throws Exception {
        Path cache = home.resolve(".aws/sso/cache");
        Files.createDirectories(cache);
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(SESSION.getBytes(StandardCharsets.UTF_8)));
        assertThat(key).isEqualTo("0ad374308c5a4e22f723adf10145eafad7c4031c");
        Instant expires = Instant.now().plus(8, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Files.writeString(cache.resolve(key + ".json"), """
                {"startUrl": "%s", "region": "%s", "accessToken": "%s", "expiresAt": "%s"}
                """.formatted(org.ssoStartUrl(), org.ssoRegion(), accessToken, expires));
    }
}
