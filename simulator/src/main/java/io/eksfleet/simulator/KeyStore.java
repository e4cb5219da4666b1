package io.eksfleet.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS credentials the simulator knows: the hub principal's long-lived key and every temporary key it
 * issued. A signed call is attributed to the account and principal of its key.
 */
final class KeyStore {

    /**
     * Who a key belongs to. {@code arn} is what GetCallerIdentity answers (an assumed-role session for role
     * credentials); {@code iamArn} is the IAM user or role behind it, a role's with its path, which is what
     * access entries name. {@code roleName} is null for an IAM user.
     */
    record Principal(String accountId, String arn, String userId, String roleName, String iamArn) {
    }

    /** {@code sessionToken} is null and {@code expiresAt} is {@link Instant#MAX} for a long-lived key. */
    record IssuedKey(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiresAt,
                     Principal principal) {
        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private final Map<String, IssuedKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    KeyStore(Clock clock) {
        this.clock = clock;
    }

    void registerLongLived(String accessKeyId, String secretAccessKey, Principal principal) {
        keys.put(accessKeyId, new IssuedKey(accessKeyId, secretAccessKey, null, Instant.MAX, principal));
    }

    IssuedKey issue(Principal principal, Duration ttl) {
        IssuedKey key = new IssuedKey(Secrets.accessKeyId(), Secrets.secretAccessKey(), Secrets.sessionToken(),
                clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), principal);
        keys.put(key.accessKeyId(), key);
        return key;
    }

    Optional<IssuedKey> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** Every secret the simulator has handed out: access keys, secret keys and session tokens. */
    java.util.Set<String> secrets() {
        java.util.Set<String> out = new java.util.HashSet<>();
        keys.values().forEach(k -> {
            out.add(k.secretAccessKey());
            if (k.sessionToken() != null) {
                out.add(k.sessionToken());
            }
        });
        return out;
    }
}
