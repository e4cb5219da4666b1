package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.scan.ClusterRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFileTest {

    @TempDir
    Path dir;

    static ClusterRecord cluster(String account, String region, String name, String endpoint) {
        return new ClusterRecord("arn:aws:eks:" + region + ":" + account + ":cluster/" + name, name, account, "acct-" + account,
                "ReadOnly", region, endpoint, "Q0E=", "1.31", "eks.1", "ACTIVE", Map.of(), Instant.EPOCH);
    }

    static final String A = "111111111111";
    static final String B = "222222222222";

    static KubeconfigFile.Upsert upsert(KubeconfigFile kube, ClusterRecord c, String context) {
        return kube.upsert(KubeconfigEntry.of(c, "acct.ReadOnly"), List.of(context), arn -> false);
    }

    static String arn(String account, String region, String name) {
        return "arn:aws:eks:" + region + ":" + account + ":cluster/" + name;
    }

    @Test
    void newFileHasTheAwsCliLayoutMarkersAndMode0600() throws Exception {
        Path file = dir.resolve("new/config");
        ClusterRecord c = cluster(A, "us-west-2", "c1", "https://ABC.gr7.us-west-2.eks.amazonaws.com");
        AtomicFile.update(KubeconfigFile.userPath(file), text -> {
            KubeconfigFile kube = KubeconfigFile.parse(file, text);
            assertThat(upsert(kube, c, "acct/us-west-2/c1").change()).isEqualTo(KubeconfigFile.Change.ADDED);
            return kube.render();
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("""
                apiVersion: v1
                clusters:
                - cluster:
                    certificate-authority-data: Q0E=
                    server: https://ABC.gr7.us-west-2.eks.amazonaws.com
                    extensions:
                    - name: eksfleet
                      extension:
                        account-id: '111111111111'
                        region: us-west-2
                  name: arn:aws:eks:us-west-2:111111111111:cluster/c1
                contexts:
                - context:
                    cluster: arn:aws:eks:us-west-2:111111111111:cluster/c1
                    user: arn:aws:eks:us-west-2:111111111111:cluster/c1
                    extensions:
                    - name: eksfleet
                      extension:
                        account-id: '111111111111'
                        region: us-west-2
                  name: acct/us-west-2/c1
                current-context: ''
                kind: Config
                preferences: {}
                users:
                - name: arn:aws:eks:us-west-2:111111111111:cluster/c1
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      args:
                      - --region
                      - us-west-2
                      - eks
                      - get-token
                      - --cluster-name
                      - c1
                      - --output
                      - json
                      command: aws
                      env:
                      - name: AWS_PROFILE
                        value: acct.ReadOnly
                    extensions:
                    - name: eksfleet
                      extension:
                        account-id: '111111111111'
                        region: us-west-2
                        role: ReadOnly
                """);
        assertThat(dir.resolve("new/config.lock")).doesNotExist();
    }

    @Test
    void aFileOfAliasesThatExpandsToGigabytesOrRefersToItselfIsRefusedInOneLine() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: Config\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ", ").repeat(8)).append('*').append(prev).append("]\n");
        }
        assertThatThrownBy(() -> KubeconfigFile.parse(dir.resolve("bomb"), bomb.toString())).isInstanceOf(OutputException.class)
                .hasMessageContaining("more than " + KubeconfigYaml.MAX_ALIASES + " aliases");
        assertThatThrownBy(() -> KubeconfigFile.parse(dir.resolve("loop"), "apiVersion: v1\nkind: Config\nclusters: &a [*a]\n"))
                .isInstanceOf(OutputException.class).hasMessageContaining("refers to itself");
    }

    @Test
    void upsertReplacesInPlaceAndReportsUnchangedEntries() {
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), null);
        ClusterRecord a = cluster(A, "us-east-1", "a", "https://a");
        ClusterRecord b = cluster(A, "us-east-1", "b", "https://b");
        upsert(kube, a, "a");
        upsert(kube, b, "b");
        assertThat(upsert(kube, a, "a").change()).isEqualTo(KubeconfigFile.Change.UNCHANGED);
        assertThat(upsert(kube, cluster(A, "us-east-1", "a", "https://moved"), "a").change()).isEqualTo(KubeconfigFile.Change.UPDATED);
        String yaml = kube.render();
        assertThat(yaml.indexOf("https://moved")).isLessThan(yaml.indexOf("https://b"));
        assertThat(kube.contextNames()).containsExactly("a", "b");
    }

    @Test
    void pruneRemovesOnlyMarkedEntriesThatAreStale() {
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), null);
        ClusterRecord gone = cluster(A, "us-east-1", "gone", "https://g");
        ClusterRecord kept = cluster(A, "us-east-1", "kept", "https://k");
        upsert(kube, gone, "gone");
        upsert(kube, kept, "kept");
        kube.currentContext("gone");
        assertThat(kube.prune(arn -> arn.endsWith("/gone") || arn.equals("handmade")).removed()).containsExactly(gone.arn());
        assertThat(kube.contextNames()).containsExactly("kept");
        assertThat(kube.render()).doesNotContain("/gone").contains("current-context: ''");
    }

    /** A person's context that joins an eksfleet cluster to their own user keeps both, and their current context works. */
    @Test
    void pruneNeverRemovesAHandWrittenContextOrUserNorWhatTheyStillUse() {
        String ghost = arn(A, "us-east-1", "ghost");
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod-cluster
                  cluster: {server: 'https://prod.example.com'}
                contexts:
                - name: ghost-as-alice
                  context: {cluster: '%1$s', user: alice}
                - name: prod
                  context: {cluster: prod-cluster, user: alice}
                current-context: prod
                users:
                - name: alice
                  user: {token: alice-static-token}
                """.formatted(ghost));
        upsert(kube, cluster(A, "us-east-1", "ghost", "https://ghost"), "acct/us-east-1/ghost");

        KubeconfigFile.Pruned pruned = kube.prune(ghost::equals);

        assertThat(pruned.removed()).isEmpty();
        assertThat(pruned.kept()).containsExactly(ghost + " (still used by context ghost-as-alice)");
        KubeconfigFile reread = KubeconfigFile.parse(dir.resolve("config"), kube.render());
        assertThat(reread.contextNames()).containsExactly("ghost-as-alice", "prod");
        String yaml = kube.render();
        assertThat(yaml).contains("name: alice", "token: alice-static-token", "current-context: prod", "name: " + ghost + "\n");
        // eksfleet's own user of the cluster went with its context; nothing else uses it.
        assertThat(yaml.split("name: " + ghost + "\n", -1)).hasSize(2);
    }

    /**
     * {@code aws eks update-kubeconfig} rewrites the cluster and user without the marker and adds an
     * ARN-named context; eksfleet's context still marks them, so all of it goes when the cluster does.
     */
    @Test
    void anEntryTheAwsCliRewroteIsStillPrunedWithTheCliContext() {
        String c1 = arn(A, "us-east-1", "c1");
        KubeconfigFile cli = KubeconfigFile.parse(dir.resolve("config"), """
                apiVersion: v1
                clusters:
                - cluster:
                    certificate-authority-data: Q0E=
                    server: https://c1
                  name: %1$s
                contexts:
                - context:
                    cluster: %1$s
                    user: %1$s
                    extensions:
                    - name: eksfleet
                      extension: {account-id: '111111111111', region: us-east-1}
                  name: acct/us-east-1/c1
                - context:
                    cluster: %1$s
                    user: %1$s
                  name: %1$s
                current-context: %1$s
                kind: Config
                preferences: {}
                users:
                - name: %1$s
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      args: [--region, us-east-1, eks, get-token, --cluster-name, c1, --output, json]
                      command: aws
                      env: [{name: AWS_PROFILE, value: acct.ReadOnly}]
                """.formatted(c1));
        assertThat(cli.prune(c1::equals).removed()).containsExactly(c1);
        assertThat(cli.contextNames()).isEmpty();
        assertThat(cli.render()).doesNotContain(c1).contains("current-context: ''");
    }

    @Test
    void aContextNameThatPointsElsewhereIsNeverRepointedUnlessItsClusterIsGone() {
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), null);
        ClusterRecord first = cluster(A, "us-east-1", "edge", "https://a-edge");
        ClusterRecord second = cluster(B, "us-east-1", "edge", "https://b-edge");
        upsert(kube, first, "edge");
        List<String> names = List.of("edge", "edge (" + B + "/us-east-1)");

        KubeconfigFile.Upsert clash = kube.upsert(KubeconfigEntry.of(second, "p"), names, arn -> false);

        assertThat(clash.contextName()).isEqualTo("edge (" + B + "/us-east-1)");
        assertThat(clash.note()).isEqualTo("context edge already points at " + first.arn() + ", so " + second.arn()
                + " got edge (" + B + "/us-east-1)");
        assertThat(kube.render()).contains("    cluster: " + first.arn() + "\n    user: " + first.arn() + "\n");
        assertThat(kube.contextNames()).containsExactly("edge", "edge (" + B + "/us-east-1)");

        KubeconfigFile later = KubeconfigFile.parse(dir.resolve("config"), null);
        upsert(later, first, "edge");
        assertThat(later.upsert(KubeconfigEntry.of(second, "p"), names, first.arn()::equals).contextName()).isEqualTo("edge");
    }

    @Test
    void aTemplateChangeRenamesEksfleetsContextAndCurrentContextFollows() {
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), null);
        ClusterRecord c = cluster(A, "us-east-1", "c1", "https://c1");
        upsert(kube, c, "old/c1");
        kube.currentContext("old/c1");
        assertThat(upsert(kube, c, "new/c1").change()).isEqualTo(KubeconfigFile.Change.UPDATED);
        assertThat(kube.contextNames()).containsExactly("new/c1");
        assertThat(kube.render()).contains("current-context: new/c1");
    }

    @Test
    void aUserOfTheSameNameThatIsNotAnExecUserIsLeftAlone() {
        String c1 = arn(A, "us-east-1", "c1");
        KubeconfigFile kube = KubeconfigFile.parse(dir.resolve("config"), "users:\n- name: " + c1 + "\n  user: {token: mine}\n");
        KubeconfigFile.Upsert skipped = upsert(kube, cluster(A, "us-east-1", "c1", "https://c1"), "c1");
        assertThat(skipped.change()).isEqualTo(KubeconfigFile.Change.SKIPPED);
        assertThat(skipped.note()).startsWith("user " + c1 + " exists and is not an eksfleet or aws eks get-token user");
        assertThat(kube.render()).contains("token: mine").doesNotContain("clusters:\n- ");
    }

    @Test
    void aFileOfAnotherKindOrVersionIsRefused() {
        assertThatThrownBy(() -> KubeconfigFile.parse(dir.resolve("s"), "apiVersion: v1\nkind: Secret\ndata: {}\n"))
                .hasMessage(dir.resolve("s") + " is not a valid kubeconfig (its kind is Secret, not Config): fix or move it; eksfleet left it untouched");
        assertThatThrownBy(() -> KubeconfigFile.parse(dir.resolve("v"), "apiVersion: v2\nkind: Config\n"))
                .hasMessageContaining("its apiVersion is v2, not v1");
        assertThat(KubeconfigFile.parse(dir.resolve("k"), "clusters: []\n").contextNames()).isEmpty();
    }

    /** Past SnakeYAML's default 3 MiB: 2,000 clusters with certificates of real size. */
    @Test
    void aFourMegabyteKubeconfigRoundTrips() throws Exception {
        Path file = dir.resolve("big");
        String ca = "Q".repeat(2000);
        AtomicFile.update(KubeconfigFile.userPath(file), text -> {
            KubeconfigFile kube = KubeconfigFile.parse(file, text);
            for (int i = 0; i < 2000; i++) {
                ClusterRecord c = new ClusterRecord(arn(A, "us-east-1", "c" + i), "c" + i, A, "acct", "ReadOnly", "us-east-1",
                        "https://c" + i, ca, "1.31", "eks.1", "ACTIVE", Map.of(), Instant.EPOCH);
                upsert(kube, c, "acct/c" + i);
            }
            return kube.render();
        });
        assertThat(Files.size(file)).isGreaterThan(4_000_000);
        KubeconfigFile reread = KubeconfigFile.load(file);
        assertThat(reread.contextNames()).hasSize(2000);
        assertThat(reread.render()).isEqualTo(Files.readString(file));
        assertThat(upsert(reread, cluster(A, "us-east-1", "one-more", "https://x"), "acct/one-more").change())
                .isEqualTo(KubeconfigFile.Change.ADDED);
    }

    @Test
    void existingFileKeepsItsModeAndUnparseableFilesAreRefused() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "apiVersion: v1\nkind: Config\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.update(KubeconfigFile.userPath(file), text -> {
            KubeconfigFile kube = KubeconfigFile.parse(file, text);
            upsert(kube, cluster(A, "us-east-1", "x", "https://x"), "x");
            return kube.render();
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");

        Files.writeString(file, "- just\n- a list\n");
        assertThatThrownBy(() -> KubeconfigFile.load(file)).hasMessageContaining("its top level is not a mapping");
        Files.writeString(file, "current-context: [1]\n");
        assertThatThrownBy(() -> KubeconfigFile.load(file)).hasMessageContaining("'current-context' is not a string");
    }
}
