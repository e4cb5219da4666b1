package io.eksfleet.output;

import io.eksfleet.scan.ClusterArn;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.Printable;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a cluster may become a kubeconfig entry. kubectl sends the entry's server a fresh EKS token (a
 * presigned STS request that the real cluster accepts for 15 minutes), so a record that names any other
 * server than its own cluster's EKS endpoint would hand that token to whoever runs that server. A cluster
 * passes when its ARN parses and names the record's own region, account and name, its endpoint is an EKS API
 * endpoint of that region ({@code https://<32 hex>.<cell>.<region>.eks.amazonaws.com}, {@code .com.cn} in
 * China), and its CA data is a PEM X.509 certificate. Loopback endpoints (a local simulator) pass only when
 * allowed.
 */
final class ClusterCheck {

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    /** A CA certificate is a couple of kilobytes; anything far larger is not one. */
    private static final int MAX_CA_DATA = 64 * 1024;
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern LOOPBACK = Pattern.compile(
            "https://(127(?:\\." + OCTET + "){3}|\\[[0-9A-Fa-f:.]+])(?::\\d{1,5})?(?:/[A-Za-z0-9._~/-]*)?");

    private final boolean allowLoopback;

    ClusterCheck(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why the cluster may not become an entry; empty when it may. */
    Optional<String> problem(ClusterRecord c) {
        ClusterArn arn;
        try {
            arn = ClusterArn.parse(c.arn());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!arn.region().equals(c.region()) || !arn.accountId().equals(c.accountId()) || !arn.name().equals(c.name())) {
            return Optional.of("its ARN does not name its own region, account and name (" + Printable.of(c.region()) + ", "
                    + Printable.of(c.accountId()) + ", " + Printable.of(c.name()) + ")");
        }
        if (!eksEndpoint(arn, c.endpoint()) && !(allowLoopback && loopback(c.endpoint()))) {
            return Optional.of("endpoint '" + Printable.of(c.endpoint()) + "' is not the EKS API endpoint of " + arn.region()
                    + " (https://<32 hex>.<cell>." + arn.region() + ".eks." + arn.dnsSuffix() + ")"
                    + (allowLoopback || !loopback(c.endpoint()) ? "" : "; a local endpoint needs --allow-loopback-endpoints"));
        }
        return certificateProblem(c.certificateAuthorityData());
    }

    /** The whole endpoint, not a parse of it, so that no reading of the URL by kubectl can differ from this one. */
    private static boolean eksEndpoint(ClusterArn arn, String endpoint) {
        Pattern eks = Pattern.compile("https://[0-9A-Fa-f]{32}\\.[a-z0-9]{2,8}\\." + Pattern.quote(arn.region()) + "\\.eks\\."
                + Pattern.quote(arn.dnsSuffix()) + "/?");
        return endpoint != null && eks.matcher(endpoint).matches();
    }

    /** {@code https://} to a literal loopback address, with any port and path: never a name that DNS resolves. */
    private static boolean loopback(String endpoint) {
        Matcher m = endpoint == null ? null : LOOPBACK.matcher(endpoint);
        if (m == null || !m.matches()) {
            return false;
        }
        String host = m.group(1);
        if (!host.startsWith("[")) {
            return true;
        }
        try {
            // A bracketed IPv6 literal: InetAddress reads it without asking DNS.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> certificateProblem(String data) {
        if (data == null || data.isEmpty()) {
            return Optional.of("it has no certificateAuthorityData");
        }
        if (data.length() > MAX_CA_DATA) {
            return Optional.of("its certificateAuthorityData is larger than " + MAX_CA_DATA / 1024 + " KiB");
        }
        byte[] pem;
        try {
            pem = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            return Optional.of("its certificateAuthorityData is not base64");
        }
        if (!new String(pem, StandardCharsets.US_ASCII).strip().startsWith(PEM_BEGIN)) {
            return Optional.of("its certificateAuthorityData is not a PEM certificate");
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem)) instanceof X509Certificate) {
                return Optional.empty();
            }
        } catch (CertificateException e) {
            // said below
        }
        return Optional.of("its certificateAuthorityData is not an X.509 certificate");
    }
}
