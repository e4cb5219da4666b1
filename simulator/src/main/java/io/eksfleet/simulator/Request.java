package io.eksfleet.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP request as the services need it: method, decoded path, query and form parameters, headers. */
final class Request {

    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");

    private final String method;
    private final String path;
    private final String rawPath;
    private final Map<String, String> query;
    private final Headers headers;
    private final byte[] body;
    private Map<String, String> form;

    private Request(String method, String path, String rawPath, Map<String, String> query, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawPath = rawPath;
        this.query = query;
        this.headers = headers;
        this.body = body;
    }

    static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        return new Request(exchange.getRequestMethod(), URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8), rawPath,
                parseParams(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body);
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /**
     * The path's segments, each decoded on its own, so that a label holding an encoded {@code /} (an ARN in
     * {@code /clusters/NAME/access-entries/ARN}) stays one segment.
     */
    List<String> segments() {
        List<String> out = new java.util.ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out.subList(1, out.size());
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    byte[] body() {
        return body;
    }

    /** Parameters of an {@code application/x-www-form-urlencoded} body (EC2 and STS). */
    String form(String name) {
        return formParams().get(name);
    }

    Map<String, String> formParams() {
        if (form == null) {
            form = parseParams(new String(body, StandardCharsets.UTF_8));
        }
        return form;
    }

    /** The SDK's attempt number from {@code amz-sdk-request: attempt=N; max=M}; 1 when absent. */
    int attempt() {
        String value = header("amz-sdk-request");
        if (value == null) {
            return 1;
        }
        Matcher m = ATTEMPT.matcher(value);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    private static Map<String, String> parseParams(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** Values of a list parameter serialised as {@code Name.1}, {@code Name.2}, ... in order. */
    static List<String> indexed(Map<String, String> params, String prefix) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1; params.containsKey(prefix + "." + i); i++) {
            values.add(params.get(prefix + "." + i));
        }
        return values;
    }
}
