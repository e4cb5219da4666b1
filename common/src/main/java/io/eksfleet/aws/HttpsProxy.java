package io.eksfleet.aws;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;

/**
 * The proxy AWS's HTTPS endpoints are reached through, read as the AWS CLI and curl read it: the JVM's
 * {@code https.proxyHost}/{@code https.proxyPort}, else {@code HTTPS_PROXY} (or {@code https_proxy}); hosts that
 * bypass it from {@code http.nonProxyHosts} and {@code NO_PROXY} (or {@code no_proxy}). The SDK's HTTP clients read
 * {@code HTTP_PROXY} and {@code http.proxyHost} only, even for HTTPS endpoints, so {@link AwsClients} gives them this.
 *
 * @param uri the proxy, {@code http://host:port} (or {@code https://}), with the credentials it was given
 * @param nonProxyHosts regular expressions of the hosts reached directly, as the SDK's clients match them
 */
record HttpsProxy(URI uri, Set<String> nonProxyHosts) {

    /** The proxy of this process, if one is set. */
    static Optional<HttpsProxy> fromEnvironment() {
        return of(System.getenv(), System.getProperties());
    }

    static Optional<HttpsProxy> of(Map<String, String> env, Properties system) {
        Set<String> bypass = new LinkedHashSet<>();
        String javaHosts = system.getProperty("http.nonProxyHosts");
        if (javaHosts != null) {
            for (String host : javaHosts.split("\\|")) {
                add(bypass, host);
            }
        }
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        if (noProxy != null) {
            for (String host : noProxy.split(",")) {
                add(bypass, host);
            }
        }
        String host = system.getProperty("https.proxyHost");
        if (host != null && !host.isBlank()) {
            return Optional.of(new HttpsProxy(URI.create("http://" + host.strip() + ":" + system.getProperty("https.proxyPort", "443").strip()),
                    bypass));
        }
        String url = first(env, "HTTPS_PROXY", "https_proxy");
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url.strip() : "http://" + url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HTTPS_PROXY is not a URL (http://HOST:PORT): fix it or unset it");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalStateException("HTTPS_PROXY is not a URL (http://HOST:PORT): fix it or unset it");
        }
        return Optional.of(new HttpsProxy(uri, bypass));
    }

    int port() {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    /** The user and password of {@code http://user:password@host:port}, decoded; null when there are none. */
    String[] credentials() {
        String info = uri.getUserInfo();
        if (info == null) {
            return null;
        }
        int colon = info.indexOf(':');
        return colon < 0 ? new String[] {info, ""} : new String[] {info.substring(0, colon), info.substring(colon + 1)};
    }

    /** The Netty client's settings: this proxy and nothing it would read from the environment itself. */
    ProxyConfiguration netty() {
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariableValues(false)
                .scheme(uri.getScheme()).host(uri.getHost()).port(port()).nonProxyHosts(nonProxyHosts);
        String[] credentials = credentials();
        if (credentials != null) {
            proxy.username(credentials[0]).password(credentials[1]);
        }
        return proxy.build();
    }

    /** The Apache client's settings, the same. */
    software.amazon.awssdk.http.apache5.ProxyConfiguration apache() {
        var proxy = software.amazon.awssdk.http.apache5.ProxyConfiguration.builder().useSystemPropertyValues(false)
                .useEnvironmentVariableValues(false).endpoint(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port()))
                .nonProxyHosts(nonProxyHosts);
        String[] credentials = credentials();
        if (credentials != null) {
            proxy.username(credentials[0]).password(credentials[1]);
        }
        return proxy.build();
    }

    /**
     * A host pattern as curl's {@code NO_PROXY} ({@code example.com} and {@code .example.com}: that domain and its
     * subdomains, {@code *}: every host) or Java's {@code http.nonProxyHosts} ({@code *.example.com}) write it.
     */
    private static void add(Set<String> bypass, String pattern) {
        String p = pattern.strip().toLowerCase();
        if (p.isEmpty()) {
            return;
        }
        if (p.equals("*")) {
            bypass.add(".*");
            return;
        }
        // A port (host:port) is not matched separately: the host bypasses on every port.
        p = p.replaceFirst(":\\d+$", "");
        if (p.startsWith("*.") || p.startsWith(".")) {
            bypass.add("(.*\\.)?" + Pattern.quote(p.substring(p.indexOf('.') + 1)));
        } else if (p.endsWith("*")) {
            bypass.add(Pattern.quote(p.substring(0, p.length() - 1)) + ".*");
        } else {
            bypass.add("(.*\\.)?" + Pattern.quote(p));
        }
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
