package io.eksfleet.cli.presets;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Preset;
import io.eksfleet.topic.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.core.type.TypeReference;

class PresetsCommandTest {

    @Test
    void everyPresetIsShownWithTheValuesItStandsFor() throws Exception {
        List<Map<String, Object>> rows = Messages.MAPPER.readValue(run("--output", "json"), new TypeReference<List<Map<String, Object>>>() { });
        assertThat(rows).extracting(r -> r.get("preset")).containsExactly("conservative", "default", "aggressive");
        Map<String, Object> standard = rows.get(1);
        assertThat(standard).containsEntry("maxInFlight", Preset.DEFAULT.maxInFlight()).containsEntry("retries", Preset.DEFAULT.retries())
                .containsEntry("backoff", "1s").containsEntry("scanTimeout", "5m");
        assertThat(run().lines().skip(1)).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("aggressive").contains("500ms"));
    }

    @Test
    void durationsAreWrittenAsTheOptionsTakeThem() {
        assertThat(PresetsCommand.text(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(PresetsCommand.text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(PresetsCommand.text(Duration.ofMinutes(2))).isEqualTo("2m");
    }

    private static String run(String... args) {
        CommandLine cli = new CommandLine(new PresetsCommand());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }
}
