package io.eksfleet.simulator;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * What kubectl with {@code aws eks get-token} does, in the JVM: an EKS token (a presigned STS GetCallerIdentity
 * URL signed by the SDK's own SigV4 signer over {@code host} and {@code x-k8s-aws-id}) sent as a bearer token to
 * the cluster's endpoint, trusting only the CA data DescribeCluster returned.
 */
final class KubernetesClient {

    private KubernetesClient() {
    }

    static String token(String clusterName, String region, String dnsSuffix, AwsCredentialsProvider credentials) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts." + region + "." + dnsSuffix + "/?Action=GetCallerIdentity&Version=2011-06-15"))
                .putHeader("x-k8s-aws-id", clusterName).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signed.request().getUri().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET ENDPOINT/api/v1/namespaces} with the token; the response's status and body. */
    static HttpResponse<String> listNamespaces(Cluster cluster, String token) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", x509.generateCertificate(new ByteArrayInputStream(
                Base64.getDecoder().decode(cluster.certificateAuthority().data()))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint() + "/api/v1/namespaces"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
