package io.eksfleet.cli.login;

import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.SsoTokenCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * The device-authorisation grant as {@code aws sso login --use-device-code} runs it (RFC 8628): register a public client,
 * start the authorisation, show the code, poll CreateToken every {@code interval} seconds
 * ({@code authorization_pending} waits, {@code slow_down} adds 5 s), then cache the token.
 */
final class DeviceLogin {

    private final SsoOidcClient oidc;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final PrintWriter err;

    DeviceLogin(SsoOidcClient oidc, SsoTokenCache cache, Clock clock, PrintWriter err) {
        this.oidc = oidc;
        this.cache = cache;
        this.clock = clock;
        this.err = err;
    }

    Path login(SsoSource sso) throws IOException, InterruptedException {
        RegisterClientResponse client = oidc.registerClient(r -> r.clientName("eksfleet-"
                + (sso.sessionName() != null ? sso.sessionName() : clock.instant().getEpochSecond()))
                .clientType("public").scopes("sso:account:access"));
        StartDeviceAuthorizationResponse device = oidc.startDeviceAuthorization(r -> r.clientId(client.clientId())
                .clientSecret(client.clientSecret()).startUrl(sso.startUrl()));
        err.printf("To log in, open %s%nand confirm the code %s%n", device.verificationUriComplete(), device.userCode());
        err.flush();
        Duration interval = Duration.ofSeconds(device.interval() == null || device.interval() < 1 ? 5 : device.interval());
        Instant deadline = clock.instant().plusSeconds(device.expiresIn() == null ? 600 : device.expiresIn());
        CreateTokenResponse token = null;
        while (token == null) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("the login was not confirmed in time: run eksfleet login again");
            }
            try {
                token = oidc.createToken(r -> r.clientId(client.clientId()).clientSecret(client.clientSecret())
                        .grantType("urn:ietf:params:oauth:grant-type:device_code").deviceCode(device.deviceCode()));
            } catch (AuthorizationPendingException e) {
                Thread.sleep(interval.toMillis());
            } catch (SlowDownException e) {
                interval = interval.plusSeconds(5);
                Thread.sleep(interval.toMillis());
            }
        }
        Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("startUrl", sso.startUrl());
        contents.put("region", sso.region());
        contents.put("accessToken", token.accessToken());
        contents.put("expiresAt", format(clock.instant().plusSeconds(token.expiresIn())));
        contents.put("clientId", client.clientId());
        contents.put("clientSecret", client.clientSecret());
        contents.put("registrationExpiresAt", format(Instant.ofEpochSecond(client.clientSecretExpiresAt())));
        if (token.refreshToken() != null) {
            contents.put("refreshToken", token.refreshToken());
        }
        return cache.write(sso.cacheKey(), contents);
    }

    /** {@code %Y-%m-%dT%H:%M:%SZ}, the format the AWS CLI writes and the SDKs parse. */
    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
