package io.eksfleet.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrgFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"org.yaml", "org.yml", "org.json"})
    void roundTripsByteForByte(String name) throws Exception {
        Organization org = OrgGenerator.generate(12, 3, 30, 5);
        Path file = dir.resolve(name);
        OrgFiles.write(org, file);
        Organization back = OrgFiles.read(file);
        assertThat(back).isEqualTo(org);
        Path again = dir.resolve("again-" + name);
        OrgFiles.write(back, again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void readsAHandWrittenMinimalFile() throws Exception {
        Path file = write("org.yaml", """
                organizationId: o-exampleorg1
                managementAccountId: "999999999999"
                ssoStartUrl: https://d-1234567890.awsapps.com/start
                ssoRegion: eu-west-1
                hub: {userName: hub, accessKeyId: AKIDHUB, secretAccessKey: s3cr3t}
                accounts:
                  - id: "111111111111"
                    name: prod
                    email: prod@example.com
                    roles: [ReadOnly]
                    regions: [us-east-1, eu-west-1]
                    clusters:
                      - {name: main, region: eu-west-1, version: "1.31", platformVersion: eks.9, status: ACTIVE,
                         createdAt: "2024-03-01T10:00:00.123Z", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
                         certificateAuthorityData: LS0t, tags: {team: a}}
                """);
        Organization org = OrgFiles.read(file);
        assertThat(org.accounts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(a.clusters()).singleElement().satisfies(c ->
                    assertThat(c.arn(a.id())).isEqualTo("arn:aws:eks:eu-west-1:111111111111:cluster/main"));
        });
    }

    @Test
    void missingFileIsOneClearLine() {
        assertThatThrownBy(() -> OrgFiles.read(dir.resolve("nope.yaml")))
                .isInstanceOf(InvalidOrgException.class)
                .hasMessage("cannot read org file " + dir.resolve("nope.yaml") + ": no such file");
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        Path file = write("bad.yaml", "organizationId: o-x\naccounts: [\n  - {id: \n");
        assertThatThrownBy(() -> OrgFiles.read(file)).isInstanceOf(InvalidOrgException.class)
                .hasMessageStartingWith("org file " + file + " is not a valid organisation (line")
                .hasMessageNotContaining("\n");
    }

    @Test
    void brokenRulesAreNamed() throws Exception {
        Organization org = OrgGenerator.generate(2, 2, 2, 1);
        String json = OrgFiles.toJson(org);
        assertRefused(json.replace(org.accounts().get(1).id(), "12345"), "accounts[1].id '12345' is not a 12-digit account id");
        assertRefused(json.replace(org.accounts().get(1).id(), org.accounts().get(0).id()), "appears twice");
        assertRefused(json.replace("\"us-west-2\"", "\"mars-north-1\""), "'mars-north-1' is not a known region");
        assertRefused(json.replace("\"managementAccountId\"", "\"managementAccount\""), "not a valid organisation");
    }

    @Test
    void clusterInADisabledRegionIsRefused() throws Exception {
        Organization org = OrgGenerator.generate(1, 1, 1, 1);
        Account a = org.accounts().get(0);
        Cluster moved = new Cluster("x", "eu-west-1", "1.31", "eks.1", ClusterStatus.ACTIVE, null, null, null, null);
        Organization bad = org.withAccount(a.id(), acc -> acc.withClusters(java.util.List.of(moved)));
        assertRefused(OrgFiles.toJson(bad), "region eu-west-1 is not enabled for account " + a.id());
    }

    private void assertRefused(String content, String expected) throws Exception {
        Path file = write("org.json", content);
        assertThatThrownBy(() -> OrgFiles.read(file)).isInstanceOf(InvalidOrgException.class)
                .hasMessageContaining(expected).hasMessageNotContaining("\n");
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
