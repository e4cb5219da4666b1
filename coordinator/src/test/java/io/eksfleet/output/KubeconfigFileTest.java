package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.scan.ClusterRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
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

    @Test
    void newFileHasTheAwsCliLayoutAndMode0600() throws Exception {
        Path file = dir.resolve("new/config");
        KubeconfigFile kube = KubeconfigFile.load(file);
        ClusterRecord c = cluster("111111111111", "us-west-2", "c1", "https://ABC.gr7.us-west-2.eks.amazonaws.com");
        assertThat(kube.upsert(KubeconfigEntry.of(c, "acct/us-west-2/c1", "acct.ReadOnly"))).isEqualTo(KubeconfigFile.Change.ADDED);
        kube.save();
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
                """);
        assertThat(dir.resolve("new/config.lock")).doesNotExist();
    }

    @Test
    void upsertReplacesInPlaceAndReportsUnchangedEntries() {
        KubeconfigFile kube = KubeconfigFile.load(dir.resolve("config"));
        ClusterRecord a = cluster("111111111111", "us-east-1", "a", "https://a");
        ClusterRecord b = cluster("111111111111", "us-east-1", "b", "https://b");
        kube.upsert(KubeconfigEntry.of(a, "a", "p"));
        kube.upsert(KubeconfigEntry.of(b, "b", "p"));
        assertThat(kube.upsert(KubeconfigEntry.of(a, "a", "p"))).isEqualTo(KubeconfigFile.Change.UNCHANGED);
        assertThat(kube.upsert(KubeconfigEntry.of(cluster("111111111111", "us-east-1", "a", "https://moved"), "a", "p")))
                .isEqualTo(KubeconfigFile.Change.UPDATED);
        String yaml = kube.render();
        assertThat(yaml.indexOf("https://moved")).isLessThan(yaml.indexOf("https://b"));
        assertThat(kube.contextNames()).containsExactly("a", "b");
    }

    @Test
    void pruneRemovesOnlyMarkedEntriesThatAreStale() {
        KubeconfigFile kube = KubeconfigFile.load(dir.resolve("config"));
        ClusterRecord gone = cluster("111111111111", "us-east-1", "gone", "https://g");
        ClusterRecord kept = cluster("111111111111", "us-east-1", "kept", "https://k");
        kube.upsert(KubeconfigEntry.of(gone, "gone", "p"));
        kube.upsert(KubeconfigEntry.of(kept, "kept", "p"));
        kube.currentContext("gone");
        assertThat(kube.prune(arn -> arn.endsWith("/gone") || arn.equals("handmade"))).containsExactly(gone.arn());
        assertThat(kube.contextNames()).containsExactly("kept");
        assertThat(kube.render()).doesNotContain("/gone").contains("current-context: ''");
    }

    @Test
    void existingFileKeepsItsModeAndUnparseableFilesAreRefused() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "apiVersion: v1\nkind: Config\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KubeconfigFile kube = KubeconfigFile.load(file);
        kube.upsert(KubeconfigEntry.of(cluster("111111111111", "us-east-1", "x", "https://x"), "x", "p"));
        kube.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");

        Files.writeString(file, "- just\n- a list\n");
        assertThatThrownBy(() -> KubeconfigFile.load(file)).hasMessageContaining("its top level is not a mapping");
        Files.writeString(file, "current-context: [1]\n");
        assertThatThrownBy(() -> KubeconfigFile.load(file)).hasMessageContaining("'current-context' is not a string");
    }

    @Test
    void aHeldLockIsWaitedForThenReported() throws Exception {
        Path file = dir.resolve("config");
        Files.createFile(dir.resolve("config.lock"));
        assertThatThrownBy(() -> AtomicFile.write(file, "x", java.time.Duration.ofMillis(300)))
                .hasMessageContaining("config.lock exists: another kubectl or eksfleet is writing");
        assertThat(file).doesNotExist();
    }
}
