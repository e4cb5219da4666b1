package io.eksfleet.sso;

import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * An account's role credentials, fetched once per account and role (SSO {@code GetRoleCredentials}, or STS
 * {@code AssumeRole} from the hub identity): shared by every region of the account, kept until
 * {@value #REFRESH_MINUTES} minutes before they expire, and single-flight (concurrent tasks of one account
 * wait for the same call). They live in this process's memory only.
 */
public final class RoleCredentials {

    static final int REFRESH_MINUTES = 5;

    private record Key(String source, String accountId, String roleName) {
    }

    private record Entry(AwsCredentialsProvider provider, Instant expiresAt) {
    }

    /** How often the credentials past their use (and failed fetches) are dropped: an account scanned once is not kept. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final Map<Key, CompletableFuture<Entry>> cache = new ConcurrentHashMap<>();
    private final SsoTokenCache tokens;
    private final Clock clock;
    private volatile Instant nextSweep = Instant.MIN;

    public RoleCredentials(SsoTokenCache tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param call makes the GetRoleCredentials call with the SSO token current when it is sent, when the cache cannot
     *     answer; the caller wraps it in its budget and retries
     */
    public CompletableFuture<AwsCredentialsProvider> forAccount(SsoSource sso, String accountId, String roleName,
                                                                Function<Supplier<SsoToken>, CompletableFuture<GetRoleCredentialsResponse>> call) {
        return cached(new Key("sso " + sso.startUrl(), accountId, roleName), () -> tokens.withToken(sso, call).thenApply(response -> {
            var rc = response.roleCredentials();
            return entry(rc.accessKeyId(), rc.secretAccessKey(), rc.sessionToken(), Instant.ofEpochMilli(rc.expiration()));
        }));
    }

    /**
     * @param call makes the AssumeRole call with this process's own identity, when the cache cannot answer
     */
    public CompletableFuture<AwsCredentialsProvider> assumed(HubSource hub, String accountId, String roleName,
                                                             Supplier<CompletableFuture<AssumeRoleResponse>> call) {
        return cached(new Key("hub " + hub.externalId(), accountId, roleName), () -> call.get().thenApply(response -> {
            var c = response.credentials();
            return entry(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
        }));
    }

    private CompletableFuture<AwsCredentialsProvider> cached(Key key, Supplier<CompletableFuture<Entry>> fetch) {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            cache.entrySet().removeIf(e -> e.getValue().isDone() && !usable(e.getValue()));
        }
        CompletableFuture<Entry> entry = cache.compute(key, (k, existing) -> usable(existing) ? existing : fetch.get());
        return entry.thenApply(Entry::provider);
    }

    /** Accounts and roles with credentials held (or being fetched). */
    int size() {
        return cache.size();
    }

    private boolean usable(CompletableFuture<Entry> existing) {
        if (existing == null || existing.isCompletedExceptionally()) {
            return false;
        }
        Entry e = existing.getNow(null);
        return e == null || clock.instant().plus(Duration.ofMinutes(REFRESH_MINUTES)).isBefore(e.expiresAt());
    }

    private static Entry entry(String accessKeyId, String secretAccessKey, String sessionToken, Instant expires) {
        return new Entry(StaticCredentialsProvider.create(AwsSessionCredentials.builder().accessKeyId(accessKeyId)
                .secretAccessKey(secretAccessKey).sessionToken(sessionToken).expirationTime(expires).build()), expires);
    }
}
