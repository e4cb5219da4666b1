package io.eksfleet.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM Identity Center state: registered OIDC clients, pending device authorisations, and the access and
 * refresh tokens the portal accepts.
 */
final class SsoSessions {

    record Client(String clientId, String clientSecret, Instant secretExpiresAt) {
    }

    /** A device authorisation; {@code polls} counts CreateToken calls so approval can follow a set number. */
    static final class Device {
        final String deviceCode;
        final String clientId;
        final Instant expiresAt;
        int polls;
        long lastPollNanos;
        boolean redeemed;

        Device(String deviceCode, String clientId, Instant expiresAt) {
            this.deviceCode = deviceCode;
            this.clientId = clientId;
            this.expiresAt = expiresAt;
        }
    }

    record Tokens(String accessToken, String refreshToken, Instant expiresAt) {
    }

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    /** Tokens no longer accepted, still counted among the secrets handed out. */
    private final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    SsoSessions(Clock clock) {
        this.clock = clock;
    }

    Client register() {
        Client client = new Client(Secrets.opaque("", 22), Secrets.opaque("eyJraWQiOiJrZXktMTU2", 300),
                clock.instant().plus(Duration.ofDays(90)));
        clients.put(client.clientId(), client);
        return client;
    }

    /** The client, if the id is known and the secret matches and has not expired. */
    Optional<Client> authenticate(String clientId, String clientSecret) {
        Client client = clientId == null ? null : clients.get(clientId);
        if (client == null || !client.clientSecret().equals(clientSecret) || !clock.instant().isBefore(client.secretExpiresAt())) {
            return Optional.empty();
        }
        return Optional.of(client);
    }

    Device startDevice(String clientId, Duration lifetime) {
        Device device = new Device(Secrets.opaque("", 64), clientId, clock.instant().plus(lifetime));
        devices.put(device.deviceCode, device);
        return device;
    }

    Optional<Device> device(String deviceCode) {
        return Optional.ofNullable(deviceCode == null ? null : devices.get(deviceCode));
    }

    Tokens issue(String clientId, Duration ttl) {
        Tokens tokens = new Tokens(Secrets.opaque("aoa", 160), Secrets.opaque("aor", 160), clock.instant().plus(ttl));
        accessTokens.put(tokens.accessToken(), tokens.expiresAt());
        refreshTokens.put(tokens.refreshToken(), clientId);
        return tokens;
    }

    /** Redeems a refresh token once: the answer carries a new one. */
    Optional<Tokens> refresh(String clientId, String refreshToken, Duration ttl) {
        if (refreshToken == null || !clientId.equals(refreshTokens.get(refreshToken))) {
            return Optional.empty();
        }
        refreshTokens.remove(refreshToken);
        return Optional.of(issue(clientId, ttl));
    }

    boolean accessTokenValid(String token) {
        Instant expiresAt = token == null ? null : accessTokens.get(token);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    void logout(String token) {
        accessTokens.remove(token);
    }

    void revokeAll() {
        revoked.addAll(accessTokens.keySet());
        revoked.addAll(refreshTokens.keySet());
        accessTokens.clear();
        refreshTokens.clear();
    }

    /** Every token and client secret handed out, for tests that look for leaks. */
    java.util.Set<String> secrets() {
        java.util.Set<String> out = new java.util.HashSet<>(accessTokens.keySet());
        out.addAll(refreshTokens.keySet());
        out.addAll(revoked);
        clients.values().forEach(c -> out.add(c.clientSecret()));
        return out;
    }
}
