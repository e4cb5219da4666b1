package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.OrgGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoClient;

class AdminEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countsResetsAndSwitchesFaults() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(OrgGenerator.generate(2, 1, 0, 1)).build());
             SsoClient sso = new AwsClients(sim).sso()) {
            String token = sim.issueAccessToken();
            sso.listAccounts(r -> r.accessToken(token));
            sso.listAccounts(r -> r.accessToken(token));

            Map<?, ?> calls = Json.MAPPER.readValue(get(sim, "calls").body(), Map.class);
            assertThat(calls.get("total")).isEqualTo(2);
            assertThat((java.util.List<?>) calls.get("calls")).singleElement().isEqualTo(Map.of("api", "sso:ListAccounts",
                    "account", "-", "region", "us-east-1", "outcome", "ok", "count", 2));

            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(uri(sim, "calls")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(sim.calls().total()).isZero();

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri(sim, "faults"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"throttleRate\":0.25,\"deniedAccounts\":[\"123456789012\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(sim.faults().throttleRate()).isEqualTo(0.25);
            assertThat(sim.faults().deniedAccounts()).containsExactly("123456789012");

            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri(sim, "faults"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\":7}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(sim.faults().throttleRate()).isEqualTo(0.25);

            assertThat(get(sim, "org").body()).contains(sim.org().organizationId());
            assertThat(get(sim, "nope").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(Simulator sim, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(sim, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(Simulator sim, String path) {
        return URI.create(sim.endpoint() + "/_simulator/" + path);
    }
}
