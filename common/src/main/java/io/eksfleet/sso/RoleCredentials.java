package io.eksfleet.sso;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.SsoSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Role credentials from the SSO portal, one {@code GetRoleCredentials} per account and role: shared by
 * every region of the account, kept until {@value #REFRESH_MINUTES} minutes before they expire, and
 * single-flight (concurrent tasks of one account wait for the same call).
 */
public final class RoleCredentials {

    static final int REFRESH_MINUTES = 5;

    private record Key(String startUrl, String accountId, String roleName) {
    }

    private record Entry(AwsCredentialsProvider provider, Instant expiresAt) {
    }

    private final Map<Key, CompletableFuture<Entry>> cache = new ConcurrentHashMap<>();
    private final AwsClients clients;
    private final SsoTokenCache tokens;
    private final Clock clock;

    public RoleCredentials(AwsClients clients, SsoTokenCache tokens, Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param onCall runs when this request really calls GetRoleCredentials (not when it is served from cache)
     */
    public CompletableFuture<AwsCredentialsProvider> forAccount(SsoSource sso, String accountId, String roleName, Runnable onCall) {
        Key key = new Key(sso.startUrl(), accountId, roleName);
        CompletableFuture<Entry> entry = cache.compute(key, (k, existing) -> usable(existing) ? existing : fetch(sso, k, onCall));
        return entry.thenApply(Entry::provider);
    }

    private boolean usable(CompletableFuture<Entry> existing) {
        if (existing == null || existing.isCompletedExceptionally()) {
            return false;
        }
        Entry e = existing.getNow(null);
        return e == null || clock.instant().plus(Duration.ofMinutes(REFRESH_MINUTES)).isBefore(e.expiresAt());
    }

    private CompletableFuture<Entry> fetch(SsoSource sso, Key key, Runnable onCall) {
        SsoToken token;
        try {
            token = tokens.read(sso);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        onCall.run();
        return clients.sso(sso.region())
                .getRoleCredentials(r -> r.accessToken(token.accessToken()).accountId(key.accountId()).roleName(key.roleName()))
                .thenApply(response -> {
                    var rc = response.roleCredentials();
                    Instant expires = Instant.ofEpochMilli(rc.expiration());
                    return new Entry(StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                            .accessKeyId(rc.accessKeyId()).secretAccessKey(rc.secretAccessKey())
                            .sessionToken(rc.sessionToken()).expirationTime(expires).build()), expires);
                });
    }
}
