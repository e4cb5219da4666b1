package io.eksfleet.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.ProcessOwner;
import io.eksfleet.output.KubeconfigFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command as a user runs it, in a process of its own: {@code main} ends the process once the outputs are written. */
class ProcessExitTest {

    @TempDir
    Path dir;

    @Test
    void aScanOnTheEmbeddedBrokerEndsItsProcessWithItsOutputsWholeAndLeavesTheBrokerToTheOperatingSystem() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process scan = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "io.eksfleet.cli.EksFleet", "scan", "--demo", "--output", "json")
                .directory(dir.toFile()).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();

        assertThat(scan.waitFor(3, TimeUnit.MINUTES)).as("the scan ends").isTrue();
        assertThat(scan.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("out")));
        assertThat(report.get("status").asString()).isEqualTo("complete");
        assertThat(KubeconfigFile.load(dir.resolve("eksfleet-demo/kubeconfig")).contextNames()).hasSize(50);
        assertThat(Files.readString(dir.resolve("eksfleet-demo/report.json")).trim()).isEqualTo(Files.readString(dir.resolve("out")).trim());
        // An orderly close would have deleted the broker's record; the next embedded broker removes what it names.
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(tmp, "eksfleet-broker-*.record")) {
            found.forEach(records::add);
        }
        assertThat(records).hasSize(1);
        assertThat(ProcessOwner.read(records.get(0)).orElseThrow().alive()).isFalse();
        EmbeddedBroker.removeLeftovers(tmp);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
