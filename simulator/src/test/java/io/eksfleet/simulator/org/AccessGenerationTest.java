package io.eksfleet.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessGenerationTest {

    static final OrgGenerator.Options MIXED = OrgGenerator.Options.DEFAULT.withMixedAuthentication(true);

    @TempDir
    Path dir;

    @Test
    void mixedModesAreDeterministicAndCoverEveryCase() {
        Organization org = OrgGenerator.generate(30, 4, 120, 7, MIXED);
        assertThat(OrgFiles.toJson(org)).isEqualTo(OrgFiles.toJson(OrgGenerator.generate(30, 4, 120, 7, MIXED)));
        Map<AuthenticationMode, Long> modes = org.clusters().collect(Collectors.groupingBy(c -> c.cluster().authenticationMode(),
                Collectors.counting()));
        assertThat(modes.keySet()).containsExactlyInAnyOrder(AuthenticationMode.values());
        assertThat(modes.get(AuthenticationMode.API_AND_CONFIG_MAP)).isGreaterThan(modes.get(AuthenticationMode.API))
                .isGreaterThan(modes.get(AuthenticationMode.CONFIG_MAP));
        assertThat(org.clusters().filter(c -> c.cluster().authenticationMode() == AuthenticationMode.CONFIG_MAP))
                .allSatisfy(c -> assertThat(c.cluster().accessEntries()).isEmpty());

        List<Organization.OrgCluster> api = org.clusters()
                .filter(c -> c.cluster().authenticationMode() == AuthenticationMode.API && c.cluster().status() == ClusterStatus.ACTIVE).toList();
        for (String role : OrgGenerator.ROLES) {
            assertThat(api).as("an API cluster %s can use", role).anyMatch(c -> c.admits(org.ssoRoleArn(c.account().id(), role)));
            assertThat(api).as("an API cluster %s cannot use", role).anyMatch(c -> !c.admits(org.ssoRoleArn(c.account().id(), role)));
            assertThat(api).as("hub role %s", role).anyMatch(c -> !c.admits(org.roleArn(c.account().id(), role)));
        }
        assertThat(org.clusters()).allSatisfy(c -> {
            if (c.cluster().authenticationMode().usesAccessEntries()) {
                assertThat(c.cluster().accessEntries()).anyMatch(e -> e.type().equals(AccessEntry.EC2_LINUX));
            }
        });
    }

    @Test
    void accessDrawsLeaveTheRestOfTheOrganisationAsItWas() {
        Organization plain = OrgGenerator.generate(12, 3, 40, 5);
        Organization mixed = OrgGenerator.generate(12, 3, 40, 5, MIXED);
        assertThat(plain.clusters()).allSatisfy(c -> assertThat(c.cluster().authenticationMode()).isEqualTo(AuthenticationMode.API_AND_CONFIG_MAP));
        assertThat(strip(mixed)).isEqualTo(strip(plain));
        // With the default mode, the simulated aws-auth lets every role of the account in, as before access entries.
        assertThat(plain.clusters()).allSatisfy(c -> OrgGenerator.ROLES.forEach(role ->
                assertThat(c.admits(plain.ssoRoleArn(c.account().id(), role))).isTrue()));
    }

    @Test
    void accessEntriesAndThePartitionRoundTripThroughFiles() throws Exception {
        Organization org = OrgGenerator.generate(6, 2, 20, 9, MIXED.withPartition(Partition.AWS_US_GOV));
        Path file = dir.resolve("gov.yaml");
        OrgFiles.write(org, file);
        assertThat(Files.readString(file)).contains("partition: aws-us-gov", "authenticationMode: API", "accessEntries:",
                "policy: AmazonEKSViewPolicy");
        assertThat(OrgFiles.read(file)).isEqualTo(org);
    }

    @Test
    void aRegionOfAnotherPartitionIsOneClearLine() throws Exception {
        Organization org = OrgGenerator.generate(1, 1, 0, 1, MIXED.withPartition(Partition.AWS_CN));
        Path file = dir.resolve("cn.json");
        OrgFiles.write(org, file);
        Files.writeString(file, Files.readString(file).replace("\"cn-north-1\"", "\"us-east-1\""));
        assertThatThrownBy(() -> OrgFiles.read(file)).isInstanceOf(InvalidOrgException.class)
                .hasMessageContaining("'us-east-1' is not a region of partition aws-cn").hasMessageContaining("partition: to aws");
        Files.writeString(file, Files.readString(file).replace("\"aws-cn\"", "\"aws-mars\""));
        assertThatThrownBy(() -> OrgFiles.read(file)).isInstanceOf(InvalidOrgException.class).hasMessageContaining("aws-mars");
    }

    @Test
    void theSsoRoleOfAPermissionSetIsStableAndCarriesTheInstanceRegionOutsideUsEast1() {
        assertThat(Organization.ssoRoleName("111122223333", "ReadOnly")).matches("AWSReservedSSO_ReadOnly_[0-9a-f]{16}")
                .isEqualTo(Organization.ssoRoleName("111122223333", "ReadOnly"))
                .isNotEqualTo(Organization.ssoRoleName("111122223334", "ReadOnly"));
        Organization org = OrgGenerator.generate(1, 1, 0, 1);
        assertThat(org.ssoRoleArn("111122223333", "ReadOnly")).startsWith("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_");
        Organization eu = new Organization(org.organizationId(), org.managementAccountId(), org.ssoStartUrl(), "eu-west-1", org.hub(), org.accounts());
        assertThat(eu.ssoRoleArn("111122223333", "ReadOnly")).startsWith("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_");
    }

    private static Organization strip(Organization org) {
        return org.withAccounts(org.accounts().stream().map(a -> a.withClusters(a.clusters().stream()
                .map(c -> c.withAccess(null, null)).toList())).toList());
    }
}
