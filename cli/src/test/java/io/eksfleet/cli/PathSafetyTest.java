package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eksfleet.host.HostFiles;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scan touches only regular files: a device, FIFO, socket, directory or symlink loop named as any of its files
 * ends it in one line with exit 1 before any AWS call, and is left as it was; on a full disk the old kubeconfig
 * stays, no lock is left, and the summary and report count nothing into it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathSafetyTest {

    static final String SESSION = "paths";
    static final Organization ORG = OrgGenerator.generate(3, 2, 4, 7);

    @RegisterExtension
    final ScanFixture fixture = ScanFixture.loggedIn(ORG, SESSION);

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        fixture.sim.calls().reset();
    }

    @ParameterizedTest
    @EnumSource(HostFiles.Node.class)
    void aKubeconfigThatIsNotARegularFileEndsTheScanBeforeAnyAwsCall(HostFiles.Node node) throws Exception {
        Path kubeconfig = HostFiles.make(node, dir, "kubeconfig-" + node);
        int type = HostFiles.type(kubeconfig);

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("aws")));

        assertOneLine(run, "--kubeconfig " + kubeconfig + " is ");
        assertThat(HostFiles.type(kubeconfig)).isEqualTo(type);
        assertThat(dir.resolve("aws")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(value = HostFiles.Node.class, names = {"CHARACTER_DEVICE", "FIFO"})
    void anAwsConfigOrAReportThatIsNotARegularFileIsRefusedAlike(HostFiles.Node node) throws Exception {
        Path awsConfig = HostFiles.make(node, dir, "aws-" + node);
        Path kubeconfig = dir.resolve("kube-" + node);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fixture.scan(ORG, SESSION, kubeconfig, awsConfig));
        assertOneLine(run, "--aws-config " + awsConfig + " is ");

        Path report = HostFiles.make(node, dir, "report-" + node);
        int type = HostFiles.type(report);
        CliRun reported = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("aws-ok"), "--report", report.toString()));
        assertOneLine(reported, "--report " + report + " is ");
        assertThat(HostFiles.type(report)).isEqualTo(type);
        assertThat(kubeconfig).doesNotExist();
    }

    @Test
    void aKubeconfigOnAFullDiskIsNotWrittenLeavesNoLockAndIsNotCountedAsWritten() throws Exception {
        String old = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ''\npreferences: {}\n";
        Path report = dir.resolve("report.json");
        try (HostFiles.FullDisk disk = HostFiles.fullDisk(dir, d -> Files.writeString(d.resolve("config"), old))) {
            Path kubeconfig = disk.dir().resolve("config");

            CliRun run = fixture.scan(ORG, SESSION, kubeconfig, dir.resolve("aws"), "--report", report.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("eksfleet scan: " + kubeconfig.toAbsolutePath() + " was not written: No space left on device");
            assertThat(Files.readString(kubeconfig)).isEqualTo(old);
            assertThat(disk.dir().resolve("config.lock")).doesNotExist();
            long connectable = ScanFixture.connectable(ORG).size();
            assertThat(connectable).isPositive();
            assertThat(run.out()).contains(", 0 in kubeconfig (" + connectable + " not written), ")
                    .contains(" (NOT WRITTEN): 0 added, 0 updated, 0 unchanged, 0 pruned")
                    .contains("NOT WRITTEN " + kubeconfig.toAbsolutePath() + " was not written");
            Map<?, ?> json = Messages.MAPPER.readValue(report.toFile(), Map.class);
            assertThat(((Map<?, ?>) json.get("clusters")).get("inKubeconfig")).isEqualTo(0);
            Map<?, ?> kube = (Map<?, ?>) json.get("kubeconfig");
            assertThat(kube.get("written")).isEqualTo(false);
            assertThat(List.of(kube.get("added"), kube.get("updated"), kube.get("unchanged"))).containsOnly(0);
        }
    }

    private void assertOneLine(CliRun run, String start) {
        assertThat(fixture.sim.calls().total()).as("AWS calls").isZero();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("eksfleet scan: " + start).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }
}
