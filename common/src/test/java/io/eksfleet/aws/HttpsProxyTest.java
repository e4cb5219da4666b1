package io.eksfleet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The proxy read as the AWS CLI and curl read it, and handed to the SDK's clients as they match hosts. */
class HttpsProxyTest {

    @Test
    void httpsProxyAndNoProxyAreReadInEitherCaseAndTheJvmsPropertiesComeFirst() {
        HttpsProxy proxy = HttpsProxy.of(Map.of("https_proxy", "http://user:secret@proxy.corp:3128", "NO_PROXY", ".internal, localhost:8080"),
                new Properties()).orElseThrow();
        assertThat(proxy.uri().getHost()).isEqualTo("proxy.corp");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.credentials()).containsExactly("user", "secret");
        assertThat(bypassed(proxy, "a.b.internal")).isTrue();
        assertThat(bypassed(proxy, "internal")).isTrue();
        assertThat(bypassed(proxy, "localhost")).isTrue();
        assertThat(bypassed(proxy, "eks.us-east-1.amazonaws.com")).isFalse();
        assertThat(bypassed(proxy, "notinternal")).isFalse();

        Properties jvm = new Properties();
        jvm.setProperty("https.proxyHost", "jvm.corp");
        jvm.setProperty("http.nonProxyHosts", "*.amazonaws.com|10.*");
        HttpsProxy fromJvm = HttpsProxy.of(Map.of("HTTPS_PROXY", "http://env.corp:3128"), jvm).orElseThrow();
        assertThat(fromJvm.uri()).isEqualTo(URI.create("http://jvm.corp:443"));
        assertThat(bypassed(fromJvm, "sts.amazonaws.com")).isTrue();
        assertThat(bypassed(fromJvm, "10.1.2.3")).isTrue();
        assertThat(bypassed(fromJvm, "100.1.2.3")).isFalse();
    }

    @Test
    void noProxyIsNoneAndAStarBypassesEveryHost() {
        assertThat(HttpsProxy.of(Map.of("HTTP_PROXY", "http://only-http:80"), new Properties())).isEmpty();
        HttpsProxy all = HttpsProxy.of(Map.of("HTTPS_PROXY", "proxy:8080", "no_proxy", "*"), new Properties()).orElseThrow();
        assertThat(all.uri()).isEqualTo(URI.create("http://proxy:8080"));
        assertThat(bypassed(all, "anything.example")).isTrue();
    }

    @Test
    void aProxyThatIsNotAUrlIsOneLineThatKeepsItsCredentialsToItself() {
        assertThatThrownBy(() -> HttpsProxy.of(Map.of("HTTPS_PROXY", "ftp://user:secret@proxy:21"), new Properties()))
                .hasMessage("HTTPS_PROXY is not a URL (http://HOST:PORT): fix it or unset it");
        assertThatThrownBy(() -> HttpsProxy.of(Map.of("HTTPS_PROXY", "http://user:secret@ bad"), new Properties()))
                .hasMessageNotContaining("secret");
    }

    private static boolean bypassed(HttpsProxy proxy, String host) {
        return proxy.nonProxyHosts().stream().anyMatch(host::matches);
    }
}
