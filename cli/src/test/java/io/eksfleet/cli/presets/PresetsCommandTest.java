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

    /** The help of each option a preset sets shows the preset values, as they are: a changed preset fails this. */
    @Test
    void scanHelpShowsEveryPresetsValueOfEachOption() {
        StringWriter help = new StringWriter();
        new CommandLine(new io.eksfleet.cli.scan.ScanCommand()).usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        String text = help.toString().replaceAll("\\s+", " ");
        Map<String, java.util.function.Function<Preset, Object>> options = Map.of(
                "--max-in-flight", Preset::maxInFlight, "--sso-rps", p -> PresetsCommand.rps(p.ssoRps()), "--retries", Preset::retries,
                "--backoff", p -> PresetsCommand.text(p.backoff()), "--call-timeout", p -> PresetsCommand.text(p.callTimeout()),
                "--task-timeout", p -> PresetsCommand.text(p.taskTimeout()), "--scan-timeout", p -> PresetsCommand.text(p.scanTimeout()));
        options.forEach((option, value) -> {
            String described = text.substring(text.lastIndexOf(option + "="));
            described = described.substring(0, described.indexOf(")") + 1);
            assertThat(described).as(option).contains("Default: the preset's (" + String.join(", ", Preset.ALL.stream()
                    .map(p -> p.name() + " " + value.apply(p)).toList()) + ")");
        });
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
