package io.eksfleet.sso;

import java.time.Duration;

/**
 * Trades a cached refresh token for a new access token, as the AWS CLI v2 and the SDKs do when the access
 * token of an {@code sso-session} login runs out: SSO OIDC {@code CreateToken} with {@code grant_type=refresh_token}
 * and the client registration of the login.
 */
@FunctionalInterface
public interface TokenRefresher {

    /** The new access token, how long it lasts, and the refresh token to keep (the old one when none came back). */
    record Refreshed(String accessToken, Duration expiresIn, String refreshToken) {
        @Override
        public String toString() {
            return "Refreshed[expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * @throws RuntimeException when the refresh token or the registration is refused; the message says why
     */
    Refreshed refresh(String region, String clientId, String clientSecret, String refreshToken);
}
