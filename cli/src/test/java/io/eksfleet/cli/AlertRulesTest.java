package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of {@code deploy/monitoring} pass their unit tests under Prometheus' {@code promtool test rules}; every
 * alert has a case where it fires and one where it stays quiet, and a {@code runbook_url} naming a section of
 * docs/operations.md.
 */
class AlertRulesTest {

    static final Path MONITORING = io.eksfleet.bench.LocalFleet.checkout().resolve("deploy/monitoring");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    @TempDir
    Path dir;

    @Test
    void promtoolPassesTheRulesUnitTests() throws Exception {
        Path promtool = Tools.require("promtool", "Prometheus' promtool runs the rules' unit tests");
        Path out = dir.resolve("promtool.out");
        Process test = new ProcessBuilder(promtool.toString(), "test", "rules", "eksfleet-alerts.test.yaml").directory(MONITORING.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(test.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(test.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresInATestAndStaysQuietInAnother() throws Exception {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Map<String, Object> group : list(yaml("eksfleet-alerts.test.yaml").get("tests"))) {
            for (Map<String, Object> check : list(group.get("alert_rule_test"))) {
                String alert = (String) check.get("alertname");
                (list(check.get("exp_alerts")).isEmpty() ? quiet : fires).add(alert);
            }
        }
        List<String> alerts = alerts().stream().map(rule -> (String) rule.get("alert")).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
        assertThat(fires).as("alerts with a case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
    }

    @Test
    void everyAlertLinksItsRunbookSection() throws Exception {
        Path operations = io.eksfleet.bench.LocalFleet.checkout().resolve("docs/operations.md");
        Set<String> anchors = new HashSet<>();
        Matcher headings = HEADING.matcher(Files.readString(operations));
        while (headings.find()) {
            anchors.add(DocsLinksTest.anchor(headings.group(1)));
        }
        for (Map<String, Object> rule : alerts()) {
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat((String) annotations.get("runbook_url")).as(rule.get("alert") + "'s runbook")
                    .isEqualTo("docs/operations.md#" + ((String) rule.get("alert")).toLowerCase(java.util.Locale.ROOT));
            assertThat(anchors).as("docs/operations.md's sections").contains(((String) rule.get("alert")).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static List<Map<String, Object>> alerts() throws Exception {
        return list(yaml("eksfleet-alerts.yaml").get("groups")).stream().flatMap(group -> list(group.get("rules")).stream())
                .filter(rule -> rule.containsKey("alert")).toList();
    }

    private static Map<String, Object> yaml(String file) throws Exception {
        return map(new Yaml().load(Files.readString(MONITORING.resolve(file))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
