package io.eksfleet.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --demo} as a person sees it: in a pseudo-terminal (util-linux {@code script}) a bar per stage,
 * redrawn in place, ending at 100%; with its output going to files, the plain progress lines and nothing else.
 */
class ProgressTerminalTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    /** A colour or other text attribute (SGR); moving the cursor is not one. */
    private static final Pattern STYLE = Pattern.compile(ESC + "\\[[0-9;]*m");

    @Test
    void onATerminalEveryStageHasABarRedrawnInPlaceThatEndsAtOneHundredPercent() throws Exception {
        String screen = onTerminal(Map.of(), demo());
        assertBars(screen);
        assertThat(screen).as("the bars are coloured").containsPattern(STYLE);
    }

    @Test
    void noColorAndTheNoColorVariableLeaveTheBarsWithoutColour() throws Exception {
        List<String> noColor = new ArrayList<>(demo());
        noColor.add("--no-color");
        for (String screen : List.of(onTerminal(Map.of("NO_COLOR", "1"), demo()), onTerminal(Map.of(), noColor))) {
            assertBars(screen);
            assertThat(screen).doesNotContainPattern(STYLE);
        }
    }

    @Test
    void theHelpIsColouredOnATerminalUnlessNoColorSaysOtherwise() throws Exception {
        List<String> help = List.of(java(), "-cp", System.getProperty("java.class.path"), "io.eksfleet.cli.EksFleet", "scan", "--help");
        List<String> noColor = new ArrayList<>(help);
        noColor.add("--no-color");
        assertThat(onTerminal(Map.of(), help)).containsPattern(STYLE).contains("Usage:");
        assertThat(onTerminal(Map.of("NO_COLOR", "yes"), help)).doesNotContainPattern(STYLE).contains("Usage:");
        assertThat(onTerminal(Map.of(), noColor)).doesNotContainPattern(STYLE).contains("Usage:");
    }

    /** What {@code command} drew in a pseudo-terminal of an xterm, with {@code env} added to the environment. */
    private String onTerminal(Map<String, String> env, List<String> command) throws Exception {
        Path terminal = Tools.require("script", "util-linux script gives the test its pseudo-terminal");
        Path typescript = Files.createTempFile(dir, "typescript", "");
        String line = command.stream().map(ProgressTerminalTest::quoted).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder(terminal.toString(), "-qfec", line, typescript.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile());
        builder.environment().remove("NO_COLOR");
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().putAll(env);
        Process script = builder.start();
        assertThat(script.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String screen = Files.readString(typescript);
        assertThat(script.exitValue()).as(screen).isZero();
        return screen;
    }

    private static void assertBars(String screen) {
        assertThat(screen).as("the cursor goes back up over the three bars to redraw them").contains(ESC + "[3A");
        for (String stage : List.of("accounts", "regions", "clusters")) {
            List<String> states = matches(screen, stage + "\\s+(\\d+)%");
            assertThat(states).as(stage + " bar").isNotEmpty();
            assertThat(states.get(states.size() - 1)).as(stage + " ends at").isEqualTo("100");
        }
        assertThat(screen).contains("24/24 tasks").doesNotContain("progress:");
        assertThat(screen.substring(screen.lastIndexOf("clusters 100%"))).contains("Scan ").contains(" complete in ");
    }

    @Test
    void withoutATerminalTheProgressIsPlainLinesAndNothingFromTheBroker() throws Exception {
        Process scan = new ProcessBuilder(demo()).directory(dir.toFile()).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        assertThat(scan.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(scan.exitValue()).as(err).isZero();

        assertThat(err).doesNotContain(ESC).doesNotContain("\r");
        List<String> lines = err.lines().toList();
        assertThat(lines.get(0)).startsWith("eksfleet demo: simulated organisation");
        assertThat(lines.get(1)).startsWith("eksfleet: scan ").contains(" of 24 accounts (");
        assertThat(lines.subList(2, lines.size())).isNotEmpty()
                .allMatch(l -> l.matches("  progress: accounts \\d+/24, regions \\d+/\\d+, clusters \\d+/\\d+"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  progress: accounts 24/24, regions 96/96, clusters 60/60");
        assertThat(Files.readString(dir.resolve("out"))).startsWith("Scan ").doesNotContain(ESC);
    }

    private static List<String> demo() {
        return List.of(java(), "-cp", System.getProperty("java.class.path"), "io.eksfleet.cli.EksFleet", "scan", "--demo");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
