package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.AccessEntry;
import io.eksfleet.simulator.org.Partition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ListAccessEntriesResponse;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** The access-entry reads and DescribeCluster's accessConfig, through the real SDK's EKS client. */
class AccessEntriesTest {

    static AccessOrg access;
    static Simulator sim;
    static AwsClients aws;
    static AwsCredentialsProvider credentials;

    @BeforeAll
    static void start() throws Exception {
        access = new AccessOrg(Partition.AWS);
        sim = Simulator.start(SimulatorConfig.builder().org(access.org).limits(RateLimits.UNLIMITED).build());
        aws = new AwsClients(sim);
        credentials = aws.roleCredentials(access.account.id(), AccessOrg.ROLE);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.limits(RateLimits.UNLIMITED);
        sim.calls().reset();
    }

    @Test
    void describeClusterCarriesTheAuthenticationMode() {
        try (EksClient eks = aws.eks(access.region, credentials)) {
            assertThat(eks.describeCluster(r -> r.name("open")).cluster().accessConfig().authenticationMode()).isEqualTo(AuthenticationMode.API);
            assertThat(eks.describeCluster(r -> r.name("legacy")).cluster().accessConfig().authenticationMode())
                    .isEqualTo(AuthenticationMode.CONFIG_MAP);
            var both = eks.describeCluster(r -> r.name("both")).cluster().accessConfig();
            assertThat(both.authenticationMode()).isEqualTo(AuthenticationMode.API_AND_CONFIG_MAP);
            assertThat(both.bootstrapClusterCreatorAdminPermissions()).isTrue();
        }
    }

    @Test
    void listAccessEntriesPagesThroughEveryEntryOnce() {
        List<String> expected = access.cluster("open").cluster().accessEntries().stream().map(AccessEntry::principalArn).toList();
        try (EksClient eks = aws.eks(access.region, credentials)) {
            List<ListAccessEntriesResponse> pages = eks.listAccessEntriesPaginator(r -> r.clusterName("open").maxResults(4)).stream().toList();
            assertThat(pages).hasSize(3);
            assertThat(pages.get(2).nextToken()).isNull();
            assertThat(pages.stream().flatMap(p -> p.accessEntries().stream()).toList()).containsExactlyElementsOf(expected).hasSize(9);
            assertThat(eks.listAccessEntries(r -> r.clusterName("open")).accessEntries()).containsExactlyElementsOf(expected);
            assertThat(eks.listAccessEntries(r -> r.clusterName("open")
                    .associatedPolicyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy")).accessEntries())
                    .containsExactly(access.ssoRole);
            String token = pages.get(0).nextToken();
            assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("both").nextToken(token)))
                    .as("a token of another cluster's list").isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("open").maxResults(101)))
                    .isInstanceOf(InvalidParameterException.class);
        }
        assertThat(sim.calls().count(Api.EKS_LIST_ACCESS_ENTRIES)).isEqualTo(7);
    }

    @Test
    void describeAccessEntryFindsARoleWithAPathByItsEncodedArn() {
        assertThat(access.ssoRole).contains(":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_");
        try (EksClient eks = aws.eks(access.region, credentials)) {
            var entry = eks.describeAccessEntry(r -> r.clusterName("open").principalArn(access.ssoRole)).accessEntry();
            String account = access.account.id();
            assertThat(entry.clusterName()).isEqualTo("open");
            assertThat(entry.principalArn()).isEqualTo(access.ssoRole);
            assertThat(entry.type()).isEqualTo("STANDARD");
            assertThat(entry.username()).matches("arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/\\{\\{SessionName}}");
            assertThat(entry.accessEntryArn()).startsWith("arn:aws:eks:" + access.region + ":" + account
                    + ":access-entry/open/role/" + account + "/AWSReservedSSO_ReadOnly_");
            assertThat(entry.createdAt()).isEqualTo(java.time.Instant.parse("2025-02-03T04:05:06.789Z"));
            assertThat(entry.kubernetesGroups()).isEmpty();

            var node = eks.describeAccessEntry(r -> r.clusterName("closed").principalArn(access.org.roleArn(account, "eks-node-closed")))
                    .accessEntry();
            assertThat(node.type()).isEqualTo("EC2_LINUX");
            assertThat(node.kubernetesGroups()).containsExactly("system:nodes");
            assertThat(node.username()).isEqualTo("system:node:{{EC2PrivateDNSName}}");
        }
    }

    @Test
    void listAssociatedAccessPoliciesPagesWithScopes() {
        try (EksClient eks = aws.eks(access.region, credentials)) {
            List<AssociatedAccessPolicy> policies = new ArrayList<>();
            var pages = eks.listAssociatedAccessPoliciesPaginator(r -> r.clusterName("open").principalArn(access.ssoRole).maxResults(1))
                    .stream().toList();
            assertThat(pages).hasSize(2);
            pages.forEach(p -> {
                assertThat(p.clusterName()).isEqualTo("open");
                assertThat(p.principalArn()).isEqualTo(access.ssoRole);
                policies.addAll(p.associatedAccessPolicies());
            });
            assertThat(policies).extracting(AssociatedAccessPolicy::policyArn).containsExactly(
                    "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy");
            assertThat(policies.get(0).accessScope().typeAsString()).isEqualTo("cluster");
            assertThat(policies.get(0).accessScope().namespaces()).isEmpty();
            assertThat(policies.get(1).accessScope().typeAsString()).isEqualTo("namespace");
            assertThat(policies.get(1).accessScope().namespaces()).containsExactly("apps", "default");
            assertThat(policies.get(1).associatedAt()).isNotNull();
        }
    }

    @Test
    void errorsAreEksErrors() {
        try (EksClient eks = aws.eks(access.region, credentials, AwsClients.noRetries())) {
            assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("legacy")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("[API, API_AND_CONFIG_MAP]");
                    });
            assertThatThrownBy(() -> eks.describeAccessEntry(r -> r.clusterName("legacy").principalArn(access.ssoRole)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> eks.describeAccessEntry(r -> r.clusterName("closed").principalArn(access.ssoRole)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> eks.listAssociatedAccessPolicies(r -> r.clusterName("closed").principalArn(access.ssoRole)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> eks.listAccessEntries(r -> r.clusterName("nope")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No cluster found for name: nope."));
        }
    }

    @Test
    void accessEntryReadsShareTheEksBudget() {
        sim.limits(RateLimits.UNLIMITED.withEks(0.1, 3));
        int throttled = 0;
        try (EksClient eks = aws.eks(access.region, credentials, AwsClients.noRetries())) {
            for (int i = 0; i < 6; i++) {
                try {
                    if (i % 2 == 0) {
                        eks.listAccessEntries(r -> r.clusterName("open"));
                    } else {
                        eks.listAssociatedAccessPolicies(r -> r.clusterName("open").principalArn(access.ssoRole));
                    }
                } catch (EksException e) {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
                    throttled++;
                }
            }
        }
        assertThat(throttled).isEqualTo(3);
        assertThat(sim.calls().count(Api.EKS_LIST_ACCESS_ENTRIES, Outcome.THROTTLED)
                + sim.calls().count(Api.EKS_LIST_ASSOCIATED_ACCESS_POLICIES, Outcome.THROTTLED)).isEqualTo(3);
    }
}
