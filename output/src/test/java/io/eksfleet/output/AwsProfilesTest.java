package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.SsoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * eksfleet writes only its own AWS profiles: a person's profile of the name it wants stays byte for byte,
 * the account and role get another name that the kubeconfig entries then use, and a note says so; a profile
 * an earlier eksfleet wrote without the marker is adopted only when its keys are exactly eksfleet's.
 */
class AwsProfilesTest {

    static final SsoSource SSO = new SsoSource("https://d-1234567890.awsapps.com/start", "us-east-1", "work");
    static final String ACCOUNT = "111111111111";
    static final ClusterRecord APPS = named("analytics-sandbox",
            KubeconfigMeaningTest.cluster(ACCOUNT, "eu-west-1", "apps", "0123456789ABCDEF0123456789ABCDEF"));
    static final String WANTED = "analytics-sandbox.ReadOnly";

    static final String PERSONS = """
            # mine
            [profile analytics-sandbox.ReadOnly]
            sso_session = other
            sso_account_id = 111111111111
            sso_role_name = MyOwnRole
            region = ap-southeast-2

            [sso-session work]
            sso_start_url = https://my-own.awsapps.com/start
            sso_region = eu-west-1
            """;

    @TempDir
    Path dir;

    OutputWriter.Written write(ClusterRecord... clusters) {
        return new OutputWriter(new OutputWriter.Settings(dir.resolve("kubeconfig"), dir.resolve("aws-config"),
                new ContextTemplate(ContextTemplate.DEFAULT), new ProfileTemplate(ProfileTemplate.DEFAULT), false, false, null, false, false))
                .write(List.of(clusters), Access.viaSso(SSO, null), arn -> false);
    }

    @Test
    void aPersonsProfileOfTheWantedNameStaysAndTheEntriesNameTheProfileWrittenInstead() throws Exception {
        Path awsConfig = dir.resolve("aws-config");
        Files.writeString(awsConfig, PERSONS);

        OutputWriter.Written first = write(APPS);
        OutputWriter.Written second = write(APPS);

        String other = WANTED + "." + ACCOUNT;
        for (OutputWriter.Written w : List.of(first, second)) {
            assertThat(w.profileNotes()).contains("profile " + WANTED + " is not eksfleet's; wrote " + other + " instead");
            assertThat(w.profiles()).isEqualTo(1);
        }
        assertThat(Files.readString(awsConfig)).as("the person's profile and session, byte for byte, then eksfleet's")
                .isEqualTo(PERSONS + """

                        [profile analytics-sandbox.ReadOnly.111111111111]
                        sso_session = work
                        sso_account_id = 111111111111
                        sso_role_name = ReadOnly
                        region = us-east-1
                        eksfleet_managed = true
                        """);
        assertThat(profileOf(APPS)).isEqualTo(other);

        Tools.require("aws", "the AWS CLI reads the profiles back");
        Map<String, String> env = Map.of("AWS_CONFIG_FILE", awsConfig.toString(), "HOME", dir.toString());
        assertThat(Tool.run(env, "aws", "configure", "get", "sso_role_name", "--profile", other)).isEqualTo("ReadOnly\n");
        assertThat(Tool.run(env, "aws", "configure", "get", "sso_account_id", "--profile", other)).isEqualTo(ACCOUNT + "\n");
        assertThat(Tool.run(env, "aws", "configure", "get", "sso_role_name", "--profile", WANTED)).isEqualTo("MyOwnRole\n");
    }

    @Test
    void anUnmarkedProfileIsAdoptedOnlyWhenItsKeysAreExactlyEksfleets() throws Exception {
        Path awsConfig = dir.resolve("aws-config");
        String earlier = """
                [sso-session work]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = us-east-1

                [profile analytics-sandbox.ReadOnly]
                sso_session = work
                sso_account_id = 111111111111
                sso_role_name = ReadOnly
                region = us-east-1

                [profile analytics-prod.ReadOnly]
                sso_session = work
                sso_account_id = 222222222222
                sso_role_name = ReadOnly
                region = us-east-1
                output = json
                """;
        Files.writeString(awsConfig, earlier);
        ClusterRecord data = named("analytics-prod",
                KubeconfigMeaningTest.cluster("222222222222", "us-east-1", "data", "FEDCBA9876543210FEDCBA9876543210"));

        OutputWriter.Written written = write(APPS, data);

        assertThat(written.profileNotes()).containsExactly(
                "profile analytics-prod.ReadOnly is not eksfleet's; wrote analytics-prod.ReadOnly.222222222222 instead");
        AwsConfigFile file = AwsConfigFile.load(awsConfig);
        assertThat(file.section("profile " + WANTED)).as("adopted").hasValueSatisfying(keys ->
                assertThat(keys).containsEntry("eksfleet_managed", "true").hasSize(5));
        assertThat(file.section("profile analytics-prod.ReadOnly")).as("a key eksfleet does not write: not adopted")
                .hasValueSatisfying(keys -> assertThat(keys).doesNotContainKey("eksfleet_managed").containsEntry("output", "json"));
        assertThat(profileOf(APPS)).isEqualTo(WANTED);
        assertThat(profileOf(data)).isEqualTo("analytics-prod.ReadOnly.222222222222");

        String adopted = Files.readString(awsConfig);
        assertThat(write(APPS, data).profileNotes()).hasSize(1);
        assertThat(Files.readString(awsConfig)).as("a second write changes nothing").isEqualTo(adopted);
    }

    @Test
    void aMarkedProfileIsEksfleetsToUpdateAndAHandWrittenSessionIsNeverChanged() throws Exception {
        Path awsConfig = dir.resolve("aws-config");
        Files.writeString(awsConfig, """
                [sso-session work]
                sso_start_url = https://my-own.awsapps.com/start
                sso_region = eu-west-1

                [profile analytics-sandbox.ReadOnly]
                sso_session = old
                sso_account_id = 111111111111
                sso_role_name = ReadOnly
                region = eu-west-1
                eksfleet_managed = true
                """);

        OutputWriter.Written written = write(APPS);

        assertThat(written.profileNotes()).containsExactly("sso-session work logs in at https://my-own.awsapps.com/start, not "
                + SSO.startUrl() + ": eksfleet left it as it is, and its profiles log in through it");
        assertThat(Files.readString(awsConfig)).isEqualTo("""
                [sso-session work]
                sso_start_url = https://my-own.awsapps.com/start
                sso_region = eu-west-1

                [profile analytics-sandbox.ReadOnly]
                sso_session = work
                sso_account_id = 111111111111
                sso_role_name = ReadOnly
                region = us-east-1
                eksfleet_managed = true
                """);
    }

    static ClusterRecord named(String accountName, ClusterRecord c) {
        return new ClusterRecord(c.arn(), c.name(), c.accountId(), accountName, c.roleName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt());
    }

    @SuppressWarnings("unchecked")
    private String profileOf(ClusterRecord c) throws Exception {
        Map<String, Object> kubeconfig = new Yaml().load(Files.readString(dir.resolve("kubeconfig")));
        Map<String, Object> exec = (Map<String, Object>) KubeconfigMeaningTest.entry(kubeconfig, "users", c.arn(), "user").get("exec");
        List<Map<String, Object>> env = (List<Map<String, Object>>) exec.get("env");
        assertThat(env).hasSize(1).allSatisfy(e -> assertThat(e).containsEntry("name", "AWS_PROFILE"));
        return (String) env.get(0).get("value");
    }
}
