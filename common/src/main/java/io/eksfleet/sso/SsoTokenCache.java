package io.eksfleet.sso;

import io.eksfleet.host.UserPath;
import io.eksfleet.resilience.Failures;
import io.eksfleet.scan.SsoSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SSO token cache that {@code aws sso login} writes and the AWS SDKs read
 * (https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html):
 * {@code ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json}. eksfleet reads it the
 * same way and its own {@code login} writes it the same way, so both tools share one login.
 */
public final class SsoTokenCache {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An access token with less left than this is refreshed first, as the AWS SDKs do (they start at 5 minutes). */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    /** One refresh at a time per cache file in this process: workers that need the token at once share one. */
    private static final Map<Path, Object> REFRESHING = new ConcurrentHashMap<>();
    /** The lifetime AWS gave the last token this process refreshed, per cache file. */
    private static final Map<Path, Duration> LIFETIMES = new ConcurrentHashMap<>();

    private final Path directory;
    private final Clock clock;
    private final TokenRefresher refresher;

    /** A cache that is only read and written: an expired token is reported, never refreshed. */
    public SsoTokenCache(Path directory, Clock clock) {
        this(directory, clock, null);
    }

    /** A cache whose expiring tokens are refreshed through {@code refresher} and written back. */
    public SsoTokenCache(Path directory, Clock clock, TokenRefresher refresher) {
        this.directory = directory;
        this.clock = clock;
        this.refresher = refresher;
    }

    public Path directory() {
        return directory;
    }

    public static String fileName(String cacheKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(cacheKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The token for that IAM Identity Center login, or a one-line error naming the command that fixes it. A token
     * about to expire is refreshed first when the login has a refresh token (and this cache a refresher).
     */
    public SsoToken read(SsoSource source) {
        Path file = directory.resolve(fileName(source.cacheKey()));
        Map<String, Object> json = load(source, file);
        SsoToken token = token(source, file, json);
        if (refresher == null || !expiring(file, token) || !refreshable(json)) {
            return valid(source, token);
        }
        synchronized (REFRESHING.computeIfAbsent(file, f -> new Object())) {
            // Another thread may have refreshed it while this one waited.
            json = load(source, file);
            token = token(source, file, json);
            if (!expiring(file, token)) {
                return token;
            }
            try {
                return refresh(source, file, json);
            } catch (RuntimeException e) {
                if (clock.instant().isBefore(token.expiresAt())) {
                    return token;
                }
                throw new SsoLoginRequiredException("the SSO login for " + describe(source) + " expired at " + token.expiresAt()
                        + " and its refresh was refused (" + firstLine(e) + "): run " + loginCommand(source));
            }
        }
    }

    /**
     * The token to use after AWS refused {@code rejected} (HTTP 401: signed out, revoked, or expired before its
     * time): one that another thread or process has cached since, else a refreshed one, else the one-line error
     * naming the login command.
     */
    public SsoToken afterRejection(SsoSource source, SsoToken rejected) {
        Path file = directory.resolve(fileName(source.cacheKey()));
        synchronized (REFRESHING.computeIfAbsent(file, f -> new Object())) {
            Map<String, Object> json = load(source, file);
            SsoToken current = token(source, file, json);
            if (!current.accessToken().equals(rejected.accessToken()) && clock.instant().isBefore(current.expiresAt())) {
                return current;
            }
            String refused = "AWS no longer accepts the SSO login for " + describe(source) + " (signed out, revoked or expired)";
            if (refresher == null || !refreshable(json)) {
                throw new SsoLoginRequiredException(refused + ": run " + loginCommand(source));
            }
            try {
                return refresh(source, file, json);
            } catch (RuntimeException e) {
                throw new SsoLoginRequiredException(refused + " and its refresh was refused (" + firstLine(e) + "): run "
                        + loginCommand(source));
            }
        }
    }

    /**
     * Makes an SSO portal call; when AWS refuses the token (401), once more after {@link #afterRejection}, or fails
     * with its one-line error. {@code call} gets the token when it sends the request ({@code token.get()}), not
     * when it is queued: a call that waits for its rate budget sends the token that is current by then.
     */
    public <T> CompletableFuture<T> withToken(SsoSource source, Function<Supplier<SsoToken>, CompletableFuture<T>> call) {
        AtomicReference<SsoToken> sent = new AtomicReference<>();
        Supplier<SsoToken> current = () -> {
            SsoToken token = read(source);
            sent.set(token);
            return token;
        };
        return call.apply(current).exceptionallyCompose(error -> {
            if (!"UnauthorizedException".equals(Failures.code(error)) || sent.get() == null) {
                return CompletableFuture.failedFuture(error);
            }
            try {
                afterRejection(source, sent.get());
            } catch (SsoLoginRequiredException e) {
                return CompletableFuture.failedFuture(e);
            }
            return call.apply(current);
        });
    }

    /**
     * Whether the token is due for a refresh: 5 minutes before it expires, as the AWS SDKs do, or half its lifetime
     * before when this process refreshed it and that lifetime was shorter than 10 minutes.
     */
    private boolean expiring(Path file, SsoToken token) {
        Duration lifetime = LIFETIMES.get(file);
        Duration window = lifetime == null ? REFRESH_BEFORE : Collections.min(List.of(REFRESH_BEFORE, lifetime.dividedBy(2)));
        return !token.expiresAt().isAfter(clock.instant().plus(window));
    }

    private SsoToken refresh(SsoSource source, Path file, Map<String, Object> json) {
        TokenRefresher.Refreshed fresh = refresher.refresh(source.region(), (String) json.get("clientId"),
                (String) json.get("clientSecret"), (String) json.get("refreshToken"));
        LIFETIMES.put(file, fresh.expiresIn());
        Instant expiresAt = clock.instant().plus(fresh.expiresIn()).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> updated = new LinkedHashMap<>(json);
        updated.put("accessToken", fresh.accessToken());
        updated.put("expiresAt", expiresAt.toString());
        if (fresh.refreshToken() != null) {
            updated.put("refreshToken", fresh.refreshToken());
        }
        try {
            write(source.cacheKey(), updated);
        } catch (IOException e) {
            // The new token serves this process all the same; the next reader refreshes again.
        }
        return new SsoToken(fresh.accessToken(), expiresAt);
    }

    private SsoToken valid(SsoSource source, SsoToken token) {
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new SsoLoginRequiredException("the SSO login for " + describe(source) + " expired at " + token.expiresAt()
                    + ": run " + loginCommand(source));
        }
        return token;
    }

    /** A login the AWS CLI can refresh: a refresh token and a client registration that has not expired. */
    private boolean refreshable(Map<String, Object> json) {
        if (!(json.get("refreshToken") instanceof String) || !(json.get("clientId") instanceof String)
                || !(json.get("clientSecret") instanceof String)) {
            return false;
        }
        try {
            return !(json.get("registrationExpiresAt") instanceof String r) || clock.instant().isBefore(Instant.parse(r));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Checks, reading nothing, that the cache is a directory (or none yet) and the login's token file a regular
     * file (or none yet), so that a device or FIFO put there stops a command before it starts.
     */
    public void check(SsoSource source) {
        UserPath.of(UserPath.Kind.TOKEN_CACHE, directory).checkDirectory();
        cacheFile(directory.resolve(fileName(source.cacheKey()))).check();
    }

    private static UserPath cacheFile(Path file) {
        return UserPath.of(UserPath.Kind.TOKEN_CACHE, file);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(SsoSource source, Path file) {
        String text = cacheFile(file).read().orElseThrow(() ->
                new SsoLoginRequiredException("no SSO login found for " + describe(source) + ": run " + loginCommand(source)));
        try {
            return JSON.readValue(text, Map.class);
        } catch (JacksonException e) {
            throw new SsoLoginRequiredException("the SSO token cache " + file + " is unreadable: run " + loginCommand(source));
        }
    }

    private static SsoToken token(SsoSource source, Path file, Map<String, Object> json) {
        if (!(json.get("accessToken") instanceof String t) || !(json.get("expiresAt") instanceof String e)) {
            throw new SsoLoginRequiredException("the SSO token cache " + file + " has no accessToken/expiresAt: run "
                    + loginCommand(source));
        }
        try {
            return new SsoToken(t, Instant.parse(e));
        } catch (DateTimeParseException ex) {
            throw new SsoLoginRequiredException("the SSO token cache " + file + " is unreadable: run " + loginCommand(source));
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * Writes a token file as the AWS CLI does after a device login: temp file and rename, so a reader never
     * sees half a file, and mode 0600, since it holds a bearer token.
     */
    public Path write(String cacheKey, Map<String, Object> contents) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(cacheKey));
        UserPath checked = cacheFile(file);
        checked.check();
        Path temp = Files.createTempFile(directory, ".eksfleet-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, JSON.writeValueAsString(new LinkedHashMap<>(contents)));
            checked.checkReplaceable(file);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    private static String describe(SsoSource source) {
        return source.sessionName() != null ? "sso-session " + source.sessionName() : source.startUrl();
    }

    /** The command that logs in again, for the session or start URL at hand. */
    public static String loginCommand(SsoSource source) {
        if (source.sessionName() != null) {
            return "aws sso login --sso-session " + source.sessionName() + " (or eksfleet login --sso-start-url "
                    + source.startUrl() + " --sso-region " + source.region() + " --sso-session " + source.sessionName() + ")";
        }
        return "eksfleet login --sso-start-url " + source.startUrl() + " --sso-region " + source.region();
    }
}
