package io.eksfleet.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an EKS bearer token as the cluster's authenticator does: {@code k8s-aws-v1.} followed by the
 * base64url of a presigned STS {@code GetCallerIdentity} URL, signed with SigV4 over the {@code host} and
 * {@code x-k8s-aws-id} (the cluster name) headers. Where EKS hands the URL to STS, the simulator recomputes
 * the signature with the secret of the key it issued, so a token signed with any other secret, for another
 * cluster, by an expired key or too long ago is refused.
 */
final class EksTokens {

    static final String PREFIX = "k8s-aws-v1.";
    /** How long after signing a token is accepted, as EKS accepts them (kubectl reuses one for 14 minutes). */
    static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final KeyStore keys;
    private final java.time.Clock clock;

    EksTokens(KeyStore keys, java.time.Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The principal that signed the token for {@code clusterName}, or empty when the token does not hold. */
    Optional<KeyStore.Principal> verify(String token, String clusterName) {
        try {
            if (token == null || !token.startsWith(PREFIX)) {
                return Optional.empty();
            }
            URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8));
            Map<String, String> query = query(url.getRawQuery());
            if (!"GetCallerIdentity".equals(query.get("Action")) || !"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) {
                return Optional.empty();
            }
            String[] scope = query.getOrDefault("X-Amz-Credential", "").split("/");
            if (scope.length != 5 || !scope[3].equals("sts") || !scope[4].equals("aws4_request")) {
                return Optional.empty();
            }
            KeyStore.IssuedKey key = keys.find(scope[0]).orElse(null);
            Instant signedAt = Instant.from(AMZ_DATE.parse(query.get("X-Amz-Date")));
            Instant now = clock.instant();
            if (key == null || key.expired(now) || now.isAfter(signedAt.plus(LIFETIME)) || signedAt.isAfter(now.plus(Duration.ofMinutes(5)))
                    || (key.sessionToken() != null && !key.sessionToken().equals(query.get("X-Amz-Security-Token")))) {
                return Optional.empty();
            }
            List<String> signedHeaders = List.of(query.getOrDefault("X-Amz-SignedHeaders", "").split(";"));
            if (!signedHeaders.equals(List.of("host", "x-k8s-aws-id"))) {
                return Optional.empty();
            }
            String canonicalHeaders = "host:" + url.getRawAuthority() + "\nx-k8s-aws-id:" + clusterName + "\n";
            String expected = query.get("X-Amz-Signature");
            for (String payload : List.of(EMPTY_SHA256, "UNSIGNED-PAYLOAD")) {
                String canonical = "GET\n" + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()) + "\n"
                        + canonicalQuery(query) + "\n" + canonicalHeaders + "\nhost;x-k8s-aws-id\n" + payload;
                String toSign = "AWS4-HMAC-SHA256\n" + query.get("X-Amz-Date") + "\n" + scope[1] + "/" + scope[2] + "/sts/aws4_request\n"
                        + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
                byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
                for (String part : List.of(scope[2], "sts", "aws4_request")) {
                    signingKey = hmac(signingKey, part);
                }
                String signature = hex(hmac(signingKey, toSign));
                if (MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII), String.valueOf(expected).getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(key.principal());
                }
            }
            return Optional.empty();
        } catch (RuntimeException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every parameter but the signature, names and values encoded as SigV4 encodes them, sorted. */
    private static String canonicalQuery(Map<String, String> query) {
        List<String[]> pairs = new ArrayList<>();
        query.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature")) {
                pairs.add(new String[] {encode(name), encode(value)});
            }
        });
        pairs.sort(java.util.Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
