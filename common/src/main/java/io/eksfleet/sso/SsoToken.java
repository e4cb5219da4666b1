package io.eksfleet.sso;

import java.time.Instant;

/** An SSO access token from the token cache. {@link #toString()} never shows the token. */
public record SsoToken(String accessToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "SsoToken[expiresAt=" + expiresAt + "]";
    }
}
