package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.simulator.org.Partition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * An organisation in AWS GovCloud (US) or the China regions: every ARN the services hand out is in its partition,
 * its regions are the partition's, its endpoints carry the partition's DNS suffix, and a role ARN of another
 * partition is not there to assume.
 */
class AwsPartitionsTest {

    @ParameterizedTest
    @EnumSource(value = Partition.class, names = {"AWS_US_GOV", "AWS_CN"})
    void everyArnRegionAndEndpointIsThePartitions(Partition partition) throws Exception {
        AccessOrg access = new AccessOrg(partition);
        Organization org = access.org;
        String p = partition.id();
        String home = partition.homeRegion();
        assertThat(org.ssoRegion()).isEqualTo(home);
        assertThat(org.accounts()).allSatisfy(a -> assertThat(a.regions()).allMatch(partition::has));
        assertThat(access.ssoRole).startsWith("arn:" + p + ":iam::" + access.account.id()
                + ":role/aws-reserved/sso.amazonaws.com/" + home + "/AWSReservedSSO_ReadOnly_");
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).kubernetesApi(true).build())) {
            AwsClients aws = new AwsClients(sim);
            ClientOverrideConfiguration plain = ClientOverrideConfiguration.builder().build();
            try (StsClient hub = aws.sts(aws.hubCredentials(), plain)) {
                assertThat(hub.getCallerIdentity().arn()).isEqualTo("arn:" + p + ":iam::" + org.managementAccountId() + ":user/eksfleet-hub");
                var assumed = hub.assumeRole(r -> r.roleArn(org.roleArn(access.account.id(), "EksFleetReader")).roleSessionName("scan"));
                assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:" + p + ":sts::" + access.account.id() + ":assumed-role/EksFleetReader/scan");
                assertThatThrownBy(() -> hub.assumeRole(r -> r.roleArn("arn:aws:iam::" + access.account.id() + ":role/EksFleetReader")
                        .roleSessionName("scan"))).isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
                var c = assumed.credentials();
                AwsCredentialsProvider hubRole = StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
                try (EksClient eks = aws.eks(access.region, hubRole)) {
                    var cluster = eks.describeCluster(r -> r.name("both")).cluster();
                    assertThat(cluster.arn()).isEqualTo("arn:" + p + ":eks:" + access.region + ":" + access.account.id() + ":cluster/both");
                    assertThat(cluster.roleArn()).startsWith("arn:" + p + ":iam::");
                    assertThat(cluster.identity().oidc().issuer()).startsWith("https://oidc.eks." + access.region + "." + partition.dnsSuffix() + "/id/");
                    var token = KubernetesClient.token("both", access.region, partition.dnsSuffix(), hubRole);
                    assertThat(KubernetesClient.listNamespaces(cluster, token).statusCode()).isEqualTo(200);
                    assertThat(eks.listAssociatedAccessPolicies(r -> r.clusterName("open").principalArn(access.ssoRole))
                            .associatedAccessPolicies().get(0).policyArn()).isEqualTo("arn:" + p + ":eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
                }
            }
            AwsCredentialsProvider sso = aws.roleCredentials(access.account.id(), AccessOrg.ROLE);
            try (StsClient sts = aws.sts(sso, ClientOverrideConfiguration.builder().build())) {
                assertThat(sts.getCallerIdentity().arn()).matches("arn:" + p + ":sts::" + access.account.id()
                        + ":assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/eksfleet-user");
            }
            try (Ec2Client ec2 = aws.ec2(access.region, sso, plain)) {
                List<Region> regions = ec2.describeRegions(r -> r.allRegions(true)).regions();
                assertThat(regions).extracting(Region::regionName).containsExactlyElementsOf(partition.regions());
                assertThat(regions).extracting(Region::endpoint).allMatch(e -> e.endsWith("." + partition.dnsSuffix()));
                assertThatThrownBy(() -> ec2.describeRegions(r -> r.regionNames("us-east-1"))).hasMessageContaining("Invalid region name");
            }
            try (OrganizationsClient orgs = aws.organizations(aws.hubCredentials())) {
                assertThat(orgs.listAccounts().accounts()).allSatisfy(a -> assertThat(a.arn())
                        .startsWith("arn:" + p + ":organizations::" + org.managementAccountId() + ":account/"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Partition.class, names = {"AWS_US_GOV", "AWS_CN"})
    void theGeneratorKeepsToThePartitionsRegionsAndEndpoints(Partition partition) {
        Organization org = OrgGenerator.generate(5, 2, 20, 3, OrgGenerator.Options.DEFAULT.withPartition(partition));
        assertThat(org.partition()).isEqualTo(partition);
        assertThat(org.clusters()).allSatisfy(c -> {
            assertThat(c.arn()).startsWith("arn:" + partition.id() + ":eks:");
            assertThat(partition.has(c.cluster().region())).isTrue();
            if (c.cluster().endpoint() != null) {
                assertThat(c.cluster().endpoint()).endsWith("." + c.cluster().region() + ".eks." + partition.dnsSuffix());
            }
            c.cluster().accessEntries().forEach(e -> assertThat(e.principalArn()).startsWith("arn:" + partition.id() + ":iam::"));
        });
        assertThatThrownBy(() -> OrgGenerator.generate(5, 3, 20, 3, OrgGenerator.Options.DEFAULT.withPartition(partition)))
                .hasMessageContaining("at most 2 regions per account in partition " + partition.id());
    }

    @ParameterizedTest
    @EnumSource(Partition.class)
    void partitionOfMatchesItsId(Partition partition) {
        assertThat(Partition.of(partition.id())).isSameAs(partition);
        assertThat(partition.regions()).allSatisfy(r -> assertThat(Partition.ofRegion(r)).isSameAs(partition));
        Account any = OrgGenerator.generate(1, 1, 0, 1, OrgGenerator.Options.DEFAULT.withPartition(partition)).accounts().get(0);
        assertThat(any.regions()).containsExactly(partition.regions().get(0));
    }
}
