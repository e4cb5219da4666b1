package io.eksfleet.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * An error answer in one of the wire styles AWS uses: the SSO portal's and OIDC's JSON, EKS's REST JSON, EC2's
 * query XML and STS's query XML, each with the headers and body its SDK client parses. Thrown by the
 * services and sent as it is; no stack trace, since it is an answer, not a bug.
 */
final class ApiError extends RuntimeException {

    private static final String PORTAL_NAMESPACE = "com.amazonaws.switchboard.portal#";
    private static final String OIDC_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

    private final transient Reply reply;

    private ApiError(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }

    /** SSO portal: type in the header and in {@code __type}, text in {@code message}. */
    static ApiError portal(int status, String code, String message, Outcome outcome) {
        String body = "{\"message\":" + Json.quote(message) + ",\"__type\":\"" + PORTAL_NAMESPACE + code + "\"}";
        return new ApiError(new Reply(status, "application/json", Map.of("x-amzn-ErrorType", code),
                bytes(body), outcome));
    }

    /** REST-JSON services such as EKS: type in {@code x-amzn-ErrorType}, text in {@code message}. */
    static ApiError restJson(int status, String code, String message, Outcome outcome) {
        String body = "{\"message\":" + Json.quote(message) + "}";
        return new ApiError(new Reply(status, "application/json", Map.of("x-amzn-ErrorType", code), bytes(body), outcome));
    }

    /** SSO OIDC: OAuth {@code error}/{@code error_description}; the SDK needs the header to know the type. */
    static ApiError oidc(int status, String code, String oauthError, String description) {
        String body = "{\"error\":" + Json.quote(oauthError) + ",\"error_description\":" + Json.quote(description) + "}";
        Outcome outcome = status == 401 ? Outcome.DENIED : Outcome.ERROR;
        return new ApiError(new Reply(status, "application/json", Map.of("x-amzn-ErrorType", code + OIDC_TYPE_SUFFIX),
                bytes(body), outcome));
    }

    /** JSON 1.1 services such as Organizations: type in {@code __type}. */
    static ApiError json11(int status, String code, String message, Outcome outcome) {
        String body = "{\"__type\":\"" + code + "\",\"message\":" + Json.quote(message) + "}";
        return new ApiError(new Reply(status, "application/x-amz-json-1.1", Map.of(), bytes(body), outcome));
    }

    /** EC2 protocol: {@code Response/Errors/Error}, request id at the end. */
    static ApiError ec2(int status, String code, String message, Outcome outcome) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + Xml.escape(code)
                + "</Code><Message>" + Xml.escape(message) + "</Message></Error></Errors><RequestID>" + requestId()
                + "</RequestID></Response>";
        return new ApiError(new Reply(status, "text/xml;charset=UTF-8", Map.of(), bytes(body), outcome));
    }

    /** Query protocol (STS): {@code ErrorResponse/Error{Type,Code,Message}}, request id after it. */
    static ApiError query(int status, String code, String message, Outcome outcome) {
        String type = status >= 500 ? "Receiver" : "Sender";
        String body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>" + type
                + "</Type>\n    <Code>" + Xml.escape(code) + "</Code>\n    <Message>" + Xml.escape(message)
                + "</Message>\n  </Error>\n  <RequestId>" + requestId() + "</RequestId>\n</ErrorResponse>\n";
        return new ApiError(new Reply(status, "text/xml", Map.of(), bytes(body), outcome));
    }

    /** A request id shaped like AWS's; not a secret, so a fast random source will do. */
    static String requestId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
