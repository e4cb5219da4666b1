package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.SsoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What one write leaves in the two files: an entry and a profile per reachable cluster that passes the check, the
 * person's own entries as they were, nothing for the clusters it refuses, nothing at all on a dry run.
 */
class OutputWriterTest {

    static final SsoSource SSO = new SsoSource("https://d-1234567890.awsapps.com/start", "us-east-1", "work");
    static final HubSource HUB = new HubSource(null, "us-east-1");
    static final String A = "111111111111";
    static final String B = "222222222222";

    /** A hand-written cluster, user and context eksfleet must keep, and the person's current context. */
    static final String PERSONS = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: minikube
              cluster:
                server: https://192.168.49.2:8443
            users:
            - name: me
              user:
                token: t
            contexts:
            - name: local
              context:
                cluster: minikube
                user: me
                namespace: dev
            current-context: local
            preferences: {}
            """;

    @TempDir
    Path dir;

    Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    Path awsConfig() {
        return dir.resolve("aws-config");
    }

    OutputWriter writer(boolean dryRun, boolean prune) {
        return new OutputWriter(new OutputWriter.Settings(kubeconfig(), awsConfig(), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), dryRun, prune, null, false, false));
    }

    OutputWriter.Written write(List<ClusterRecord> clusters, Access access) {
        return writer(false, false).write(clusters, access, arn -> false);
    }

    static Access sso() {
        return Access.viaSso(SSO, null);
    }

    static Access hub() {
        return Access.viaHub(HUB, null);
    }

    static ClusterRecord cluster(String account, String name) {
        return KubeconfigMeaningTest.cluster(account, "eu-west-1", name, "0123456789ABCDEF0123456789ABCDEF");
    }

    static ClusterRecord withStatus(ClusterRecord c, String status) {
        return new ClusterRecord(c.arn(), c.name(), c.accountId(), c.accountName(), c.roleName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), status, c.tags(), c.createdAt());
    }

    static ClusterRecord withEndpoint(ClusterRecord c, String endpoint) {
        return new ClusterRecord(c.arn(), c.name(), c.accountId(), c.accountName(), c.roleName(), c.region(), endpoint,
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt());
    }

    @Test
    void reachableClustersGetAnEntryAndAProfileAndThePersonsEntriesStayAsTheyWere() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");
        ClusterRecord updating = withStatus(cluster(A, "data"), "UPDATING");
        ClusterRecord creating = withStatus(cluster(A, "new"), "CREATING");
        ClusterRecord elsewhere = withEndpoint(cluster(B, "evil"), "https://attacker.example.com");

        OutputWriter.Written written = write(List.of(apps, updating, creating, elsewhere), sso());

        assertThat(written.complete()).isTrue();
        assertThat(written.added()).isEqualTo(2);
        assertThat(written.refused()).extracting(OutputWriter.Refused::arn).containsExactly(elsewhere.arn());
        Map<String, Object> file = yaml(kubeconfig());
        assertThat(names(file, "clusters")).containsExactly("minikube", apps.arn(), updating.arn());
        assertThat(names(file, "users")).containsExactly("me", apps.arn(), updating.arn());
        assertThat(names(file, "contexts")).containsExactly("local", "acct-" + A + "/eu-west-1/apps", "acct-" + A + "/eu-west-1/data");
        assertThat(file.get("current-context")).isEqualTo("local");
        assertThat(KubeconfigMeaningTest.entry(file, "contexts", "local", "context")).containsEntry("namespace", "dev")
                .containsEntry("cluster", "minikube");
        assertThat(KubeconfigMeaningTest.entry(file, "users", "me", "user")).isEqualTo(Map.of("token", "t"));
        assertThat(written.profiles()).isEqualTo(1);
        assertThat(AwsConfigFile.load(awsConfig()).section("profile acct-" + A + ".ReadOnly")).hasValueSatisfying(keys ->
                assertThat(keys).containsEntry("sso_account_id", A).containsEntry("sso_role_name", "ReadOnly"));
    }

    @Test
    void aSecondWriteOfTheSameClustersChangesNoByte() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        List<ClusterRecord> clusters = List.of(cluster(A, "apps"), cluster(B, "apps"));
        write(clusters, sso());
        String kube = Files.readString(kubeconfig());
        String aws = Files.readString(awsConfig());

        OutputWriter.Written again = write(clusters, sso());

        assertThat(again.added()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(Files.readString(kubeconfig())).isEqualTo(kube);
        assertThat(Files.readString(awsConfig())).isEqualTo(aws);
    }

    @Test
    void hubEntriesAssumeTheRoleAndNoAwsConfigIsWritten() throws Exception {
        ClusterRecord apps = cluster(A, "apps");

        OutputWriter.Written written = write(List.of(apps), hub());

        assertThat(written.profiles()).isZero();
        assertThat(awsConfig()).doesNotExist();
        @SuppressWarnings("unchecked")
        Map<String, Object> exec = (Map<String, Object>) KubeconfigMeaningTest.entry(yaml(kubeconfig()), "users", apps.arn(), "user")
                .get("exec");
        assertThat((List<Object>) exec.get("args")).containsSequence("--role", "arn:aws:iam::" + A + ":role/ReadOnly");
        assertThat(exec).doesNotContainKey("env");
    }

    @Test
    void clustersOfOneNameInTwoAccountsLeaveTheBareNameToNeither() throws Exception {
        ClusterRecord first = named("shared", cluster(A, "apps"));
        ClusterRecord second = named("shared", cluster(B, "apps"));

        write(List.of(first, second), hub());

        assertThat(names(yaml(kubeconfig()), "contexts")).containsExactly(
                "shared/eu-west-1/apps (" + A + "/eu-west-1)", "shared/eu-west-1/apps (" + B + "/eu-west-1)");
    }

    @Test
    void pruneRemovesOnlyEksfleetsEntriesOfGoneClusters() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord stays = cluster(A, "apps");
        ClusterRecord goes = cluster(A, "old");
        write(List.of(stays, goes), hub());
        Predicate<String> gone = goes.arn()::equals;

        OutputWriter.Written pruned = writer(false, true).write(List.of(stays), hub(), gone);

        assertThat(pruned.pruned()).containsExactly(goes.arn());
        Map<String, Object> file = yaml(kubeconfig());
        assertThat(names(file, "clusters")).containsExactly("minikube", stays.arn());
        assertThat(names(file, "users")).containsExactly("me", stays.arn());
        assertThat(names(file, "contexts")).containsExactly("local", "acct-" + A + "/eu-west-1/apps");
    }

    @Test
    void aDryRunTouchesNoFileAndPreviewsTheKubeconfig() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");

        OutputWriter.Written written = writer(true, false).write(List.of(apps), sso(), arn -> false);

        assertThat(written.dryRun()).isTrue();
        assertThat(Files.readString(kubeconfig())).isEqualTo(PERSONS);
        assertThat(awsConfig()).doesNotExist();
        assertThat(names(new Yaml().load(written.preview()), "clusters")).containsExactly("minikube", apps.arn());
    }

    static ClusterRecord named(String accountName, ClusterRecord c) {
        return AwsProfilesTest.named(accountName, c);
    }

    static ClusterRecord withRoles(ClusterRecord c, KubernetesAccess first, KubernetesAccess... others) {
        return new ClusterRecord(c.arn(), c.name(), c.accountId(), c.accountName(), first.roleName(), c.region(), c.endpoint(),
                c.certificateAuthorityData(), c.version(), c.platformVersion(), c.status(), c.tags(), c.createdAt(),
                AuthenticationMode.API, first.answer() == null ? null : first, List.of(others));
    }

    @Test
    void eachRoleOfAClusterGetsItsOwnUserAndContextAndALaterScanWithOneRoleLeavesTheOthersAlone() throws Exception {
        ClusterRecord apps = cluster(A, "apps");
        ClusterRecord both = withRoles(apps, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.notLooked("Admin"));

        OutputWriter.Written written = write(List.of(both), sso());

        assertThat(written.added()).isEqualTo(2);
        Map<String, Object> file = yaml(kubeconfig());
        assertThat(names(file, "clusters")).containsExactly(apps.arn());
        assertThat(names(file, "users")).containsExactly(apps.arn() + " (Admin)", apps.arn() + " (ReadOnly)");
        assertThat(names(file, "contexts")).containsExactly("acct-" + A + "/eu-west-1/apps/Admin", "acct-" + A + "/eu-west-1/apps/ReadOnly");
        assertThat(String.valueOf(KubeconfigMeaningTest.entry(file, "users", apps.arn() + " (Admin)", "user")))
                .as("each user takes its own role's profile").contains("acct-" + A + ".Admin");
        assertThat(AwsConfigFile.load(awsConfig()).section("profile acct-" + A + ".Admin")).isPresent();
        assertThat(AwsConfigFile.load(awsConfig()).section("profile acct-" + A + ".ReadOnly")).isPresent();

        OutputWriter.Written oneRole = write(List.of(apps), sso());

        Map<String, Object> after = yaml(kubeconfig());
        assertThat(oneRole.added()).as("ReadOnly keeps its own user and context, no second pair").isZero();
        assertThat(oneRole.unchanged()).isEqualTo(1);
        assertThat(names(after, "users")).containsExactly(apps.arn() + " (Admin)", apps.arn() + " (ReadOnly)");
        assertThat(names(after, "contexts")).as("the other role's entries stay as they were").containsExactly(
                "acct-" + A + "/eu-west-1/apps/Admin", "acct-" + A + "/eu-west-1/apps/ReadOnly");
        assertThat(KubeconfigMeaningTest.entry(after, "contexts", "acct-" + A + "/eu-west-1/apps/Admin", "context"))
                .containsEntry("user", apps.arn() + " (Admin)");

        writer(false, true).write(List.of(), sso(), arn -> true);
        Map<String, Object> pruned = yaml(kubeconfig());
        assertThat(names(pruned, "users")).as("a gone cluster takes every role's user with it").isEmpty();
        assertThat(names(pruned, "contexts")).isEmpty();
    }

    @Test
    void aScanOfAnotherRoleNeverTakesOverTheUserOfTheRoleThatWroteTheClusterFirst() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord readOnly = cluster(A, "apps");
        ClusterRecord admin = withRoles(readOnly, KubernetesAccess.notLooked("Admin"));
        String bare = "acct-" + A + "/eu-west-1/apps";
        write(List.of(readOnly), sso());
        Object readOnlyUser = KubeconfigMeaningTest.entry(yaml(kubeconfig()), "users", readOnly.arn(), "user");

        OutputWriter.Written second = write(List.of(admin), sso());

        Map<String, Object> file = yaml(kubeconfig());
        assertThat(second.added()).isEqualTo(1);
        assertThat(names(file, "users")).containsExactly("me", readOnly.arn(), readOnly.arn() + " (Admin)");
        assertThat(KubeconfigMeaningTest.entry(file, "users", readOnly.arn(), "user")).as("ReadOnly's user as it was").isEqualTo(readOnlyUser);
        assertThat(names(file, "contexts")).containsExactly("local", bare, bare + "/Admin");
        assertThat(KubeconfigMeaningTest.entry(file, "contexts", bare + "/Admin", "context")).containsEntry("user", readOnly.arn() + " (Admin)");
        assertThat(String.valueOf(KubeconfigMeaningTest.entry(file, "users", readOnly.arn() + " (Admin)", "user"))).contains("acct-" + A + ".Admin");

        OutputWriter.Written again = write(List.of(readOnly), sso());
        assertThat(again.unchanged()).as("ReadOnly's own entry, as it was").isEqualTo(1);
        assertThat(again.added() + again.updated()).isZero();
    }

    @Test
    void aSecondRoleMovesTheFirstRolesEntryToItsOwnUserAndTheCurrentContextFollows() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");
        String bare = "acct-" + A + "/eu-west-1/apps";
        current(bare).write(List.of(apps), sso(), arn -> false);

        write(List.of(withRoles(apps, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.notLooked("Admin"))), sso());

        Map<String, Object> file = yaml(kubeconfig());
        assertThat(names(file, "users")).containsExactly("me", apps.arn() + " (Admin)", apps.arn() + " (ReadOnly)");
        assertThat(names(file, "contexts")).containsExactly("local", bare + "/Admin", bare + "/ReadOnly");
        assertThat(file.get("current-context")).isEqualTo(bare + "/ReadOnly");
    }

    @Test
    void onlyAccessibleWithPruneRemovesTheEntriesOfTheRoleThatLostItsAccessAndKeepsTheOthers() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");
        String bare = "acct-" + A + "/eu-west-1/apps";
        write(List.of(withRoles(apps, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.notLooked("Admin"))), sso());
        ClusterRecord adminLost = withRoles(apps, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.none("Admin", "no access entry for Admin"));
        OutputWriter pruning = new OutputWriter(new OutputWriter.Settings(kubeconfig(), awsConfig(), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), false, true, null, false, true));

        OutputWriter.Written written = pruning.write(List.of(adminLost), sso(), arn -> false);

        Map<String, Object> file = yaml(kubeconfig());
        assertThat(written.pruned()).containsExactly(apps.arn() + " (Admin)");
        assertThat(written.added()).isZero();
        assertThat(names(file, "users")).containsExactly("me", apps.arn() + " (ReadOnly)");
        assertThat(names(file, "contexts")).containsExactly("local", bare + "/ReadOnly");
        assertThat(names(file, "clusters")).containsExactly("minikube", apps.arn());
    }

    @Test
    void aClusterWhoseOnlyRoleLostItsAccessIsPrunedAndNamedOnce() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");
        write(List.of(withRoles(apps, KubernetesAccess.notLooked("ReadOnly"))), sso());
        ClusterRecord lost = withRoles(apps, KubernetesAccess.none("ReadOnly", "no access entry for ReadOnly"));
        OutputWriter pruning = new OutputWriter(new OutputWriter.Settings(kubeconfig(), awsConfig(), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), false, true, null, false, true));

        // A scan counts a cluster left out as gone for --prune: its role's user (named by the ARN) and the cluster go.
        OutputWriter.Written written = pruning.write(List.of(lost), sso(), apps.arn()::equals);

        assertThat(written.pruned()).containsExactly(apps.arn());
        Map<String, Object> file = yaml(kubeconfig());
        assertThat(names(file, "users")).containsExactly("me");
        assertThat(names(file, "clusters")).containsExactly("minikube");
    }

    @Test
    void aRefusedClusterFoundWithSeveralRolesIsRefusedOnce() throws Exception {
        ClusterRecord elsewhere = withEndpoint(cluster(B, "evil"), "https://attacker.example.com");
        ClusterRecord threeRoles = withRoles(elsewhere, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.notLooked("Admin"),
                KubernetesAccess.notLooked("Dev"));

        OutputWriter.Written written = write(List.of(threeRoles), sso());

        assertThat(written.refused()).as("the endpoint is the cluster's, whatever role found it")
                .extracting(OutputWriter.Refused::arn).containsExactly(elsewhere.arn());
        assertThat(written.added()).isZero();
    }

    @Test
    void aCurrentContextThatNoContextHasLeavesTheCurrentContextAsItWasAndSaysSo() throws Exception {
        Files.writeString(kubeconfig(), PERSONS);
        ClusterRecord apps = cluster(A, "apps");
        ClusterRecord both = withRoles(apps, KubernetesAccess.notLooked("ReadOnly"), KubernetesAccess.notLooked("Admin"));
        String bare = "acct-" + A + "/eu-west-1/apps";

        OutputWriter.Written missing = current(bare).write(List.of(both), sso(), arn -> false);

        assertThat(yaml(kubeconfig()).get("current-context")).as("the contexts are " + bare + "/ROLE").isEqualTo("local");
        assertThat(missing.notes()).anySatisfy(note -> assertThat(note).contains("current-context " + bare + " is not a context"));

        OutputWriter.Written found = current(bare + "/Admin").write(List.of(both), sso(), arn -> false);

        assertThat(yaml(kubeconfig()).get("current-context")).isEqualTo(bare + "/Admin");
        assertThat(found.notes()).isEmpty();
    }

    OutputWriter current(String name) {
        return new OutputWriter(new OutputWriter.Settings(kubeconfig(), awsConfig(), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), false, false, name, false, false));
    }

    @Test
    void onlyAccessibleLeavesOutTheRolesWithoutAnEntryAndCountsThem() throws Exception {
        ClusterRecord apps = cluster(A, "apps");
        ClusterRecord mixed = withRoles(apps, new KubernetesAccess("ReadOnly", KubernetesAccess.Answer.YES, null, null, "STANDARD", null,
                List.of(), List.of(new KubernetesAccess.AccessPolicy("AmazonEKSViewPolicy", "cluster", List.of()))),
                KubernetesAccess.none("Admin", "no access entry for Admin"));
        OutputWriter only = new OutputWriter(new OutputWriter.Settings(kubeconfig(), awsConfig(), new ContextTemplate(ContextTemplate.DEFAULT),
                new ProfileTemplate(ProfileTemplate.DEFAULT), false, false, null, false, true));

        OutputWriter.Written written = only.write(List.of(mixed), sso(), arn -> false);

        assertThat(written.inaccessible()).containsExactly(apps.arn());
        assertThat(names(yaml(kubeconfig()), "users")).as("the cluster has one role left: its user is the ARN").containsExactly(apps.arn());
        OutputWriter.Written all = write(List.of(mixed), sso());
        assertThat(all.inaccessible()).isEmpty();
        assertThat(names(yaml(kubeconfig()), "contexts")).contains("acct-" + A + "/eu-west-1/apps/Admin");
    }

    static Map<String, Object> yaml(Path file) throws Exception {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static List<String> names(Map<String, Object> kubeconfig, String list) {
        return ((List<Map<String, Object>>) kubeconfig.get(list)).stream().map(e -> String.valueOf(e.get("name"))).toList();
    }
}
