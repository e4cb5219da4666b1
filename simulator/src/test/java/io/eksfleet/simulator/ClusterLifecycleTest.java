package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Clusters created, upgraded and deleted while the simulator runs, seen through the real EKS client, with the
 * CloudTrail events of those calls as the admin endpoint answers them.
 */
class ClusterLifecycleTest {

    static final Organization ORG = OrgGenerator.generate(2, 2, 0, 5);

    @Test
    void aClusterGoesThroughTheTransitionalStatusesEksGivesItAndEachChangeComesWithItsCloudTrailEvent() throws Exception {
        Account account = ORG.accounts().get(0);
        String region = account.regions().get(0);
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED).build())) {
            AwsClients aws = new AwsClients(sim);
            AwsCredentialsProvider credentials = aws.roleCredentials(account.id(), account.roles().get(0));
            try (EksClient eks = aws.eks(region, credentials)) {
                String created = admin(sim, "create", Map.of("accountId", account.id(), "region", region, "name", "orders",
                        "version", "1.32", "settleSeconds", 0.5));
                assertThat(created).contains("\"source\":\"aws.eks\"", "\"detail-type\":\"AWS API Call via CloudTrail\"",
                        "\"eventName\":\"CreateCluster\"", "\"recipientAccountId\":\"" + account.id() + "\"", "\"awsRegion\":\"" + region + "\"",
                        "\"requestParameters\":{\"name\":\"orders\",\"version\":\"1.32\"}");
                Cluster creating = eks.describeCluster(r -> r.name("orders")).cluster();
                assertThat(creating.statusAsString()).isEqualTo("CREATING");
                assertThat(creating.endpoint()).isNull();
                assertThat(eks.listClusters(r -> { }).clusters()).contains("orders");
                await().atMost(Duration.ofSeconds(10)).until(() -> eks.describeCluster(r -> r.name("orders")).cluster().statusAsString().equals("ACTIVE"));
                assertThat(eks.describeCluster(r -> r.name("orders")).cluster().endpoint()).startsWith("https://");

                assertThat(admin(sim, "update-version", Map.of("accountId", account.id(), "region", region, "name", "orders",
                        "version", "1.33", "settleSeconds", 0.5))).contains("\"eventName\":\"UpdateClusterVersion\"");
                Cluster updating = eks.describeCluster(r -> r.name("orders")).cluster();
                assertThat(updating.statusAsString()).isEqualTo("UPDATING");
                assertThat(updating.version()).isEqualTo("1.32");
                await().atMost(Duration.ofSeconds(10)).until(() -> eks.describeCluster(r -> r.name("orders")).cluster().version().equals("1.33"));

                assertThat(admin(sim, "delete", Map.of("accountId", account.id(), "region", region, "name", "orders", "settleSeconds", 0.5)))
                        .contains("\"eventName\":\"DeleteCluster\"");
                assertThat(eks.describeCluster(r -> r.name("orders")).cluster().statusAsString()).isEqualTo("DELETING");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> eks.describeCluster(r -> r.name("orders")))
                        .isInstanceOf(ResourceNotFoundException.class));
                assertThat(eks.listClusters(r -> { }).clusters()).doesNotContain("orders");
            }
            HttpResponse<String> missing = post(sim, "delete", Map.of("accountId", account.id(), "region", region, "name", "nothing"));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("no cluster nothing in " + account.id());
        }
    }

    private static String admin(Simulator sim, String change, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = post(sim, change, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> post(Simulator sim, String change, Map<String, Object> body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.endpoint() + "/_simulator/clusters/" + change))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
