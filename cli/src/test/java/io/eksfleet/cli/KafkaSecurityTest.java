package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka client settings reach every client unchanged: MSK IAM authentication loads from the jar's class
 * path, and settings a client refuses end in one line that names the options to check. No broker listens
 * here, so an accepted configuration ends at "did not answer".
 */
class KafkaSecurityTest {

    @TempDir
    Path dir;

    @Test
    void mskIamSettingsAreAcceptedFromAFile() throws Exception {
        Path config = dir.resolve("msk.properties");
        Files.writeString(config, """
                security.protocol=SASL_SSL
                sasl.mechanism=AWS_MSK_IAM
                sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
                sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
                """);
        CliRun run = CliRun.of("status", "some-scan", "--bootstrap-servers", "127.0.0.1:1", "--kafka-config", config.toString(),
                "--connect-timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).contains("Kafka at 127.0.0.1:1 is not reachable (connection refused)").doesNotContain("\n");
    }

    @Test
    void refusedSettingsEndInOneLineThatNamesTheOptions() {
        CliRun run = CliRun.of("status", "some-scan", "--bootstrap-servers", "127.0.0.1:1",
                "--kafka-property", "security.protocol=SASL_SSL", "--kafka-property", "sasl.mechanism=SCRAM-SHA-512",
                "--kafka-property", "sasl.jaas.config=org.example.NoSuchLoginModule required;", "--connect-timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).contains("Kafka client settings were refused").contains("--kafka-config")
                .doesNotContain("\n");
    }

    @Test
    void aKafkaPropertyWithoutAValueIsBadInput() {
        CliRun run = CliRun.of("status", "some-scan", "--bootstrap-servers", "127.0.0.1:1", "--kafka-property", "security.protocol");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--kafka-property: write KEY=VALUE");
    }
}
