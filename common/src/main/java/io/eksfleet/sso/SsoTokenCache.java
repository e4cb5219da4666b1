package io.eksfleet.sso;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SSO token cache that {@code aws sso login} writes and the AWS SDKs read (reference section 8.1):
 * {@code ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json}. eksfleet reads it the
 * same way and its own {@code login} writes it the same way, so both tools share one login.
 */
public final class SsoTokenCache {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;
    private final Clock clock;

    public SsoTokenCache(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
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

    /** The token for that IAM Identity Center login, or a one-line error naming the command that fixes it. */
    public SsoToken read(SsoSource source) {
        Path file = directory.resolve(fileName(source.cacheKey()));
        if (!Files.isRegularFile(file)) {
            throw new SsoLoginRequiredException("no SSO login found for " + describe(source) + ": run " + loginCommand(source));
        }
        try {
            Map<?, ?> json = JSON.readValue(file.toFile(), Map.class);
            Object token = json.get("accessToken");
            Object expires = json.get("expiresAt");
            if (!(token instanceof String t) || !(expires instanceof String e)) {
                throw new SsoLoginRequiredException("the SSO token cache " + file + " has no accessToken/expiresAt: run "
                        + loginCommand(source));
            }
            Instant expiresAt = Instant.parse(e);
            if (!clock.instant().isBefore(expiresAt)) {
                throw new SsoLoginRequiredException("the SSO login for " + describe(source) + " expired at " + expiresAt
                        + ": run " + loginCommand(source));
            }
            return new SsoToken(t, expiresAt);
        } catch (JacksonException | DateTimeParseException e) {
            throw new SsoLoginRequiredException("the SSO token cache " + file + " is unreadable: run " + loginCommand(source));
        }
    }

    /**
     * Writes a token file as the AWS CLI does after a device login: temp file and rename, so a reader never
     * sees half a file, and mode 0600, since it holds a bearer token.
     */
    public Path write(String cacheKey, Map<String, Object> contents) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(cacheKey));
        Path temp = Files.createTempFile(directory, ".eksfleet-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, JSON.writeValueAsString(new LinkedHashMap<>(contents)));
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
