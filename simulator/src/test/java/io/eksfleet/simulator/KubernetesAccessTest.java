package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.org.Organization;
import io.eksfleet.simulator.org.Partition;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * The simulated Kubernetes API lets a caller in by the cluster's authentication mode: in API mode only a role with
 * an access entry (200), any other gets 403 Forbidden as a Kubernetes Status; CONFIG_MAP and API_AND_CONFIG_MAP let
 * in every role of the cluster's account through the simulated aws-auth. The answer matches the organisation's
 * ground truth, {@link Organization.OrgCluster#admits}.
 */
class KubernetesAccessTest {

    static AccessOrg access;
    static Simulator sim;
    static AwsClients aws;

    @BeforeAll
    static void start() throws Exception {
        access = new AccessOrg(Partition.AWS);
        sim = Simulator.start(SimulatorConfig.builder().org(access.org).limits(RateLimits.UNLIMITED).kubernetesApi(true).build());
        aws = new AwsClients(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @CsvSource({
        "open, ReadOnly, 200",
        "open, EksFleetReader, 403",
        "closed, ReadOnly, 403",
        "legacy, ReadOnly, 200",
        "both, ReadOnly, 200",
    })
    void aRoleGetsInOnlyWhereTheModeAndItsEntriesLetIt(String name, String role, int expected) throws Exception {
        Organization.OrgCluster target = access.cluster(name);
        String roleArn = access.org.ssoRoleArn(access.account.id(), role);
        assertThat(target.admits(roleArn)).as("ground truth").isEqualTo(expected == 200);

        AwsCredentialsProvider credentials = aws.roleCredentials(access.account.id(), role);
        try (EksClient eks = aws.eks(access.region, credentials)) {
            var cluster = eks.describeCluster(r -> r.name(name)).cluster();
            HttpResponse<String> answer = KubernetesClient.listNamespaces(cluster,
                    KubernetesClient.token(name, access.region, "amazonaws.com", credentials));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Json.MAPPER.readValue(answer.body(), Map.class);
            if (expected == 200) {
                assertThat(body.get("kind")).isEqualTo("NamespaceList");
            } else {
                assertThat(body).containsEntry("kind", "Status").containsEntry("reason", "Forbidden").containsEntry("code", 403);
                assertThat((String) body.get("message")).contains(roleArn);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"open", "legacy", "both"})
    void aRoleOfAnotherAccountIsForbiddenEverywhere(String name) throws Exception {
        String other = access.org.accounts().get(1).id();
        assertThat(access.cluster(name).admits(access.org.ssoRoleArn(other, AccessOrg.ROLE))).isFalse();
        AwsCredentialsProvider mine = aws.roleCredentials(access.account.id(), AccessOrg.ROLE);
        AwsCredentialsProvider theirs = aws.roleCredentials(other, AccessOrg.ROLE);
        try (EksClient eks = aws.eks(access.region, mine)) {
            var cluster = eks.describeCluster(r -> r.name(name)).cluster();
            assertThat(KubernetesClient.listNamespaces(cluster, KubernetesClient.token(name, access.region, "amazonaws.com", theirs))
                    .statusCode()).isEqualTo(403);
        }
    }
}
