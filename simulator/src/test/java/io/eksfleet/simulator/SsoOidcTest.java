package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksfleet.simulator.org.OrgGenerator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

class SsoOidcTest {

    static Simulator sim;
    static SsoOidcClient oidc;
    static SsoClient sso;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.builder().org(OrgGenerator.generate(3, 1, 1, 1))
                .accessTokenTtl(Duration.ofSeconds(2)).build());
        AwsClients aws = new AwsClients(sim);
        oidc = aws.oidc();
        sso = aws.sso();
    }

    @AfterAll
    static void stop() {
        oidc.close();
        sso.close();
        sim.close();
    }

    @Test
    void deviceLoginGivesATokenThePortalAcceptsUntilItExpires() {
        RegisterClientResponse client = oidc.registerClient(r -> r.clientName("botocore-client-test").clientType("public"));
        assertThat(client.clientSecretExpiresAt()).isGreaterThan(client.clientIdIssuedAt());
        StartDeviceAuthorizationResponse device = oidc.startDeviceAuthorization(r -> r.clientId(client.clientId())
                .clientSecret(client.clientSecret()).startUrl(sim.org().ssoStartUrl()));
        assertThat(device.verificationUriComplete()).contains("user_code=" + device.userCode());
        assertThat(device.interval()).isEqualTo(1);

        assertThatThrownBy(() -> createToken(client, device.deviceCode()))
                .isInstanceOfSatisfying(AuthorizationPendingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AuthorizationPendingException"));
        assertThatThrownBy(() -> createToken(client, device.deviceCode())).isInstanceOf(SlowDownException.class);

        CreateTokenResponse token = await().pollDelay(Duration.ofMillis(1100)).pollInterval(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(6))
                .ignoreException(SlowDownException.class)
                .until(() -> createToken(client, device.deviceCode()), t -> t.accessToken() != null);
        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(token.expiresIn()).isEqualTo(2);
        assertThat(sso.listAccounts(r -> r.accessToken(token.accessToken())).accountList()).hasSize(3);
        assertThatThrownBy(() -> createToken(client, device.deviceCode())).isInstanceOf(InvalidGrantException.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> sso.listAccounts(r -> r.accessToken(token.accessToken())))
                        .isInstanceOf(UnauthorizedException.class));

        CreateTokenResponse refreshed = oidc.createToken(r -> r.clientId(client.clientId()).clientSecret(client.clientSecret())
                .grantType("refresh_token").refreshToken(token.refreshToken()));
        assertThat(sso.listAccounts(r -> r.accessToken(refreshed.accessToken())).accountList()).hasSize(3);
        assertThatThrownBy(() -> oidc.createToken(r -> r.clientId(client.clientId()).clientSecret(client.clientSecret())
                .grantType("refresh_token").refreshToken(token.refreshToken()))).isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        RegisterClientResponse client = oidc.registerClient(r -> r.clientName("x").clientType("public"));
        assertThatThrownBy(() -> oidc.startDeviceAuthorization(r -> r.clientId(client.clientId()).clientSecret("wrong")
                .startUrl(sim.org().ssoStartUrl())))
                .isInstanceOfSatisfying(InvalidClientException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    private static CreateTokenResponse createToken(RegisterClientResponse client, String deviceCode) {
        return oidc.createToken(r -> r.clientId(client.clientId()).clientSecret(client.clientSecret())
                .grantType("urn:ietf:params:oauth:grant-type:device_code").deviceCode(deviceCode));
    }
}
