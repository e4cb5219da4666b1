package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugPipelineTest {
    @TempDir
    Path dir;

    @Test
    void demo() throws Exception {
        var cli = new picocli.CommandLine(new ScanCommand());
        java.io.StringWriter out = new java.io.StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(System.out, true));
        int code = cli.execute("--demo", "--scan-timeout", "15s");
        System.out.println(out);
        assertThat(code).isEqualTo(0);
    }
}
