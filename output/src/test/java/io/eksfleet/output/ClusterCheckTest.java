package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.ClusterRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterCheckTest {

    static final String ARN = "arn:aws:eks:us-west-2:123456789012:cluster/payments";
    static final String ENDPOINT = "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com";
    /** A self-signed CN=kubernetes CA certificate, as EKS hands one out. */
    static String ca;

    @BeforeAll
    static void readCertificate() throws IOException {
        try (InputStream in = ClusterCheckTest.class.getResourceAsStream("/cluster-ca.pem")) {
            ca = Base64.getEncoder().encodeToString(in.readAllBytes());
        }
    }

    static ClusterRecord cluster(String arn, String region, String endpoint, String caData) {
        return new ClusterRecord(arn, "payments", "123456789012", "payments-prod", "ReadOnly", region, endpoint, caData, "1.33",
                "eks.9", "ACTIVE", Map.of(), null);
    }

    static ClusterRecord cluster(String endpoint) {
        return cluster(ARN, "us-west-2", endpoint, ca);
    }

    @Test
    void passesARealShapedCluster() {
        ClusterCheck check = new ClusterCheck(false);

        assertThat(check.problem(cluster(ENDPOINT))).isEmpty();
        assertThat(check.problem(cluster(ENDPOINT.toLowerCase().replace("gr7", "yl4")))).isEmpty();
        assertThat(check.problem(cluster("arn:aws-cn:eks:cn-north-1:123456789012:cluster/payments", "cn-north-1",
                "https://ABCDEF0123456789ABCDEF0123456789.sk1.cn-north-1.eks.amazonaws.com.cn", ca))).isEmpty();
        assertThat(check.problem(cluster("arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/payments", "us-gov-west-1",
                "https://ABCDEF0123456789ABCDEF0123456789.yl4.us-gov-west-1.eks.amazonaws.com", ca))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example.com",
        "http://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com:8443",
        "https://x@ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com@evil.example.com",
        "https://x@evil.example.com",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com.evil.example",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com.cn",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com/evil",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com?x=1",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com#x",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com\n",
        "https://evil.ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF012345678.gr7.us-west-2.eks.amazonaws.com",
        "https://GHIJKL0123456789ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF0123456789.us-west-2.eks.amazonaws.com",
        "https://ABCDEF0123456789ABCDEF0123456789.gr7.us-west-2.eksXamazonaws.com",
        "https://127.0.0.1:6443/clusters/1",
        "https://[::1]:6443/",
        "https://localhost:6443",
        ""})
    void refusesEveryOtherServer(String endpoint) {
        assertThat(new ClusterCheck(false).problem(cluster(endpoint))).get().asString()
                .contains("is not the EKS API endpoint of us-west-2").doesNotContain("\n");
    }

    @Test
    void refusesARecordWhoseArnIsNotItsOwn() {
        ClusterCheck check = new ClusterCheck(false);

        assertThat(check.problem(cluster("arn:aws:eks:us-west-2:123456789012:cluster/other", "us-west-2", ENDPOINT, ca)))
                .get().asString().contains("does not name its own region, account and name");
        assertThat(check.problem(cluster("arn:aws:eks:us-east-1:123456789012:cluster/payments", "us-west-2", ENDPOINT, ca))).isPresent();
        assertThat(check.problem(cluster("arn:aws:eks:us-west-2:210987654321:cluster/payments", "us-west-2", ENDPOINT, ca))).isPresent();
        assertThat(check.problem(cluster("arn:aws:eks:../../etc:123456789012:cluster/payments", "../../etc", ENDPOINT, ca)))
                .get().asString().contains("not an AWS region");
        assertThat(check.problem(cluster("payments", "us-west-2", ENDPOINT, ca))).get().asString().contains("not an EKS cluster ARN");
    }

    @Test
    void refusesCaDataThatIsNotACertificate() {
        ClusterCheck check = new ClusterCheck(false);
        String notACertificate = Base64.getEncoder().encodeToString(
                "-----BEGIN CERTIFICATE-----\nMIICaGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
        String der = Base64.getEncoder().encodeToString(java.util.Base64.getMimeDecoder().decode(
                new String(Base64.getDecoder().decode(ca), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")));

        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, notACertificate))).get().asString().contains("not an X.509 certificate");
        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, "not base64 at all!"))).get().asString().contains("not base64");
        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, Base64.getEncoder().encodeToString("hello".getBytes()))))
                .get().asString().contains("not a PEM certificate");
        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, der))).get().asString().contains("not a PEM certificate");
        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, null))).get().asString().contains("no certificateAuthorityData");
        assertThat(check.problem(cluster(ARN, "us-west-2", ENDPOINT, "QUFB".repeat(20_000)))).get().asString().contains("larger than");
    }

    @Test
    void passesLoopbackEndpointsOnlyWhenAllowed() {
        ClusterCheck allowing = new ClusterCheck(true);

        for (String local : new String[] {"https://127.0.0.1:6443/clusters/ABC", "https://127.1.2.3:443", "https://[::1]:6443/clusters/x",
            "https://[0:0:0:0:0:0:0:1]:6443/clusters/x"}) {
            assertThat(allowing.problem(cluster(local))).as(local).isEmpty();
            assertThat(new ClusterCheck(false).problem(cluster(local))).as(local).get().asString().contains("--allow-loopback-endpoints");
        }
        for (String remote : new String[] {"http://127.0.0.1:6443", "https://127.0.0.1.evil.example.com", "https://128.0.0.1:6443",
            "https://localhost:6443", "https://x@127.0.0.1:6443", "https://127.0.0.1:6443@evil.example.com", "https://[::2]:6443",
            "https://127.0.0.256:6443", "https://127.0.0.1:6443/?q", "https://evil.example.com"}) {
            assertThat(allowing.problem(cluster(remote))).as(remote).isPresent();
        }
        assertThat(allowing.problem(cluster(ENDPOINT))).isEmpty();
    }
}
