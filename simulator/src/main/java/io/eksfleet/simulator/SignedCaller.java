package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who signed a SigV4 request and for which service and region, from
 * {@code Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...}
 * (the SigV4 credential scope, https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html),
 * and checks the key against the keys the simulator issued.
 */
final class SignedCaller {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    /** The parts of the credential scope. */
    record Scope(String accessKeyId, String region, String service) {
    }

    /** How one service says "unknown key" and "expired key" on the wire. */
    record Rejections(Supplier<ApiError> unknownKey, Supplier<ApiError> expiredKey) {
    }

    /** A caller of a regional service, with the account its key belongs to. */
    record RegionalCaller(KeyStore.Principal principal, Account account) {
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
        KeyStore.IssuedKey key = aws.keys.find(scope.accessKeyId()).orElseThrow(rejections.unknownKey());
        if (key.sessionToken() != null && !key.sessionToken().equals(request.header("X-Amz-Security-Token"))) {
            throw rejections.unknownKey().get();
        }
        if (key.expired(aws.clock.instant())) {
            throw rejections.expiredKey().get();
        }
        return key.principal();
    }

    /**
     * Authenticates a call to EKS or EC2 and finds its account; keys from a global STS endpoint are not
     * valid in a region the account has not opted into, so such a call gets the unknown-key answer.
     */
    static RegionalCaller regional(SimulatedAws aws, Call call, Scope scope, Rejections rejections) {
        KeyStore.Principal principal = authenticate(aws, call.request, scope, rejections);
        call.account = principal.accountId();
        Account account = aws.org().account(principal.accountId()).orElseThrow(rejections.unknownKey());
        if (!account.regionEnabled(scope.region())) {
            throw rejections.unknownKey().get();
        }
        return new RegionalCaller(principal, account);
    }
}
