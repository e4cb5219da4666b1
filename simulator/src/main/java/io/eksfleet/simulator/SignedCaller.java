package io.eksfleet.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who signed a SigV4 request and for which service and region, from
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...}
 * (reference section 3.6), and checks the key against the keys the simulator issued.
 */
final class SignedCaller {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    /** The parts of the credential scope. */
    record Scope(String accessKeyId, String region, String service) {
    }

    /** How one service says "unknown key" and "expired key". */
    interface Rejections {
        ApiError unknownKey();

        ApiError expiredKey();
    }

    private SignedCaller() {
    }

    /** Null when the request is not SigV4-signed. */
    static Scope scope(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        Matcher m = CREDENTIAL.matcher(authorization);
        return m.find() ? new Scope(m.group(1), m.group(3), m.group(4)) : null;
    }

    /** The principal behind the key, or the service's rejection. */
    static KeyStore.Principal authenticate(SimulatedAws aws, Request request, Scope scope, Rejections rejections) {
        KeyStore.IssuedKey key = aws.keys.find(scope.accessKeyId()).orElseThrow(rejections::unknownKey);
        if (key.sessionToken() != null && !key.sessionToken().equals(request.header("X-Amz-Security-Token"))) {
            throw rejections.unknownKey();
        }
        if (key.expired(aws.clock.instant())) {
            throw rejections.expiredKey();
        }
        return key.principal();
    }
}
