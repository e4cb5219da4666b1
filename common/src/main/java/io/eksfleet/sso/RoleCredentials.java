package io.eksfleet.sso;

import io.eksfleet.scan.SsoSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsResponse;
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
    private final SsoTokenCache tokens;
    private final Clock clock;

    public RoleCredentials(SsoTokenCache tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param call makes the GetRoleCredentials call with the SSO token, when the cache cannot answer; the
     *     caller wraps it in its budget and retries
     */
    public CompletableFuture<AwsCredentialsProvider> forAccount(SsoSource sso, String accountId, String roleName,
                                                                Function<SsoToken, CompletableFuture<GetRoleCredentialsResponse>> call) {
        Key key = new Key(sso.startUrl(), accountId, roleName);
        CompletableFuture<Entry> entry = cache.compute(key, (k, existing) -> usable(existing) ? existing : fetch(sso, call));
        return entry.thenApply(Entry::provider);
    }

    private boolean usable(CompletableFuture<Entry> existing) {
        if (existing == null || existing.isCompletedExceptionally()) {
            return false;
        }
        Entry e = existing.getNow(null);
        return e == null || clock.instant().plus(Duration.ofMinutes(REFRESH_MINUTES)).isBefore(e.expiresAt());
    }

    private CompletableFuture<Entry> fetch(SsoSource sso, Function<SsoToken, CompletableFuture<GetRoleCredentialsResponse>> call) {
        SsoToken token;
        try {
            token = tokens.read(sso);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.apply(token)
                .thenApply(response -> {
                    var rc = response.roleCredentials();
                    Instant expires = Instant.ofEpochMilli(rc.expiration());
                    return new Entry(StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                            .accessKeyId(rc.accessKeyId()).secretAccessKey(rc.secretAccessKey())
                            .sessionToken(rc.sessionToken()).expirationTime(expires).build()), expires);
                });
    }
}
