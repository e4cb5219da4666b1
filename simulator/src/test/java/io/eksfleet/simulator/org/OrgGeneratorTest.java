package io.eksfleet.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrgGeneratorTest {

    @Test
    void sameSeedGivesByteIdenticalOrganisation() {
        Organization a = OrgGenerator.generate(50, 5, 120, 42);
        Organization b = OrgGenerator.generate(50, 5, 120, 42);
        assertThat(a).isEqualTo(b);
        assertThat(OrgFiles.toJson(a)).isEqualTo(OrgFiles.toJson(b));
        assertThat(OrgFiles.toYaml(a)).isEqualTo(OrgFiles.toYaml(b));
    }

    @Test
    void everyClusterWithAnEndpointHasADistinctRealCertificateAuthority() throws Exception {
        Organization org = OrgGenerator.generate(10, 3, 40, 5);
        java.security.cert.CertificateFactory x509 = java.security.cert.CertificateFactory.getInstance("X.509");
        java.util.List<String> data = org.clusters().map(c -> c.cluster().certificateAuthorityData()).filter(d -> d != null).toList();

        assertThat(data).hasSizeGreaterThan(20).doesNotHaveDuplicates().allSatisfy(d -> {
            byte[] pem = java.util.Base64.getDecoder().decode(d);
            assertThat(new String(pem, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----\n");
            java.security.cert.X509Certificate ca = (java.security.cert.X509Certificate) x509.generateCertificate(new java.io.ByteArrayInputStream(pem));
            assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
            ca.verify(ca.getPublicKey());
        });
    }

    @Test
    void differentSeedsGiveDifferentOrganisations() {
        assertThat(OrgFiles.toJson(OrgGenerator.generate(10, 2, 20, 1)))
                .isNotEqualTo(OrgFiles.toJson(OrgGenerator.generate(10, 2, 20, 2)));
    }

    @Test
    void hasTheRequestedSize() {
        Organization org = OrgGenerator.generate(30, 6, 75, 7);
        assertThat(org.accounts()).hasSize(30);
        assertThat(org.clusterCount()).isEqualTo(75);
        assertThat(org.accounts()).allSatisfy(a -> {
            assertThat(a.regions()).hasSize(6);
            assertThat(a.id()).matches("\\d{12}");
            assertThat(a.roles()).containsExactlyElementsOf(OrgGenerator.ROLES);
        });
        assertThat(org.accounts().stream().map(Account::id).distinct()).hasSize(30);
        assertThat(org.accounts().stream().map(Account::name).distinct()).hasSize(30);
    }

    @Test
    void clusterNamesRepeatAcrossAccountsAndClustersAreSpreadUnevenly() {
        Organization org = OrgGenerator.generate(40, 4, 100, 3);
        Map<String, Long> accountsPerName = org.clusters()
                .collect(Collectors.groupingBy(c -> c.cluster().name(), Collectors.mapping(c -> c.account().id(),
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        assertThat(accountsPerName.values()).anyMatch(n -> n > 1);
        int[] perAccount = org.accounts().stream().mapToInt(a -> a.clusters().size()).toArray();
        assertThat(Arrays.stream(perAccount).filter(n -> n == 0).count()).isPositive();
        assertThat(Arrays.stream(perAccount).max().orElseThrow()).isGreaterThan(100 / 40 * 2);
        assertThat(org.clusters().map(Organization.OrgCluster::arn).distinct()).hasSize(100);
    }

    @Test
    void everyClusterStatusAppearsAndUnreachableClustersHaveNoEndpoint() {
        Organization org = OrgGenerator.generate(20, 4, OrgGenerator.EVERY_STATUS_FROM, 9);
        assertThat(org.clusters().map(c -> c.cluster().status()).distinct()).containsExactlyInAnyOrder(ClusterStatus.values());
        assertThat(org.clusters().map(Organization.OrgCluster::cluster)
                .filter(c -> c.status() == ClusterStatus.CREATING || c.status() == ClusterStatus.FAILED))
                .allSatisfy(c -> assertThat(c.endpoint()).isNull());
        assertThat(org.clusters().map(Organization.OrgCluster::cluster).filter(c -> c.status() == ClusterStatus.ACTIVE))
                .allSatisfy(c -> assertThat(c.endpoint()).startsWith("https://").endsWith("." + c.region() + ".eks.amazonaws.com"));
    }

    @Test
    void moreThanSeventeenRegionsAddOptInRegions() {
        Organization org = OrgGenerator.generate(1, 19, 0, 1);
        assertThat(org.accounts().get(0).regions()).hasSize(19).contains("us-east-1", "af-south-1", "ap-east-1");
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> OrgGenerator.generate(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrgGenerator.generate(1, 99, 1, 1)).hasMessageContaining("at most");
    }
}
