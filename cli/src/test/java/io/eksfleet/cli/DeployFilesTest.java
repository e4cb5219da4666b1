package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.worker.Worker;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so the container and Kubernetes files are checked against the code: every
 * command, option, config key, port, topic and consumer group they name exists.
 */
class DeployFilesTest {

    static final Path ROOT = io.eksfleet.bench.LocalFleet.checkout();
    static final int MANAGEMENT_PORT = 8080;

    @Test
    void composeRunsExistingCommandsWithExistingOptions() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        assertThat(services).containsKeys("kafka", "simulator", "coordinator", "worker");
        assertThat(map(services.get("worker").get("deploy")).get("replicas")).isEqualTo(3);
        assertThat(map(services.get("kafka").get("environment")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        int commands = 0;
        for (Map<String, Object> service : services.values()) {
            if (service.get("command") instanceof List<?> command) {
                assertRunnable(strings(command));
                commands++;
            }
            if (service.get("env_file") instanceof String envFile) {
                assertThat(ROOT.resolve(envFile)).isRegularFile();
            }
        }
        assertThat(commands).isEqualTo(4);
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("EXPOSE " + MANAGEMENT_PORT).contains("cli/target/eksfleet.jar");
    }

    @Test
    void kubernetesManifestsNameOnlyWhatExists() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(yaml(file));
            }
        }
        List<String> kinds = docs.stream().map(d -> (String) d.get("kind")).toList();
        assertThat(kinds).contains("Deployment", "ConfigMap", "ServiceAccount", "PodDisruptionBudget", "ScaledObject");

        for (Map<String, Object> doc : docs) {
            switch ((String) doc.get("kind")) {
                case "Deployment" -> {
                    Map<String, Object> pod = map(map(map(doc.get("spec")).get("template")).get("spec"));
                    assertThat(pod.get("serviceAccountName")).isEqualTo("eksfleet");
                    for (Object c : (List<?>) pod.get("containers")) {
                        Map<String, Object> container = map(c);
                        assertRunnable(strings((List<?>) container.get("args")));
                        assertThat(map(((List<?>) container.get("ports")).get(0)).get("containerPort")).isEqualTo(MANAGEMENT_PORT);
                        assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/health/ready");
                        assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path")).isEqualTo("/health/live");
                    }
                }
                case "ConfigMap" -> {
                    Map<String, Object> data = map(doc.get("data"));
                    Properties keys = new Properties();
                    keys.load(new StringReader((String) data.get("eksfleet.properties")));
                    CommandLine cli = EksFleet.commandLine();
                    for (String key : keys.stringPropertyNames()) {
                        assertThat(cli.getSubcommands().get("worker").getCommandSpec().findOption("--" + key) != null
                                || cli.getSubcommands().get("coordinator").getCommandSpec().findOption("--" + key) != null)
                                .as("config key " + key).isTrue();
                    }
                    assertThat(keys.getProperty("management-port")).isEqualTo(String.valueOf(MANAGEMENT_PORT));
                }
                case "ServiceAccount" -> assertThat(map(map(doc.get("metadata")).get("annotations")))
                        .containsKey("eks.amazonaws.com/role-arn");
                case "ScaledObject" -> {
                    Map<String, Object> spec = map(doc.get("spec"));
                    int maxPartitions = Topics.STAGES.stream().mapToInt(Topic::partitions).max().orElseThrow();
                    assertThat((Integer) spec.get("maxReplicaCount")).isLessThanOrEqualTo(maxPartitions);
                    for (Object t : (List<?>) spec.get("triggers")) {
                        Map<String, Object> trigger = map(map(t).get("metadata"));
                        String topic = (String) trigger.get("topic");
                        assertThat(Topics.STAGES.stream().map(Topic::name)).contains(topic);
                        assertThat(trigger.get("consumerGroup")).isEqualTo(Worker.groupOf(topic));
                    }
                }
                default -> { }
            }
        }
    }

    /** The first word is a subcommand of eksfleet, and every {@code --option} is one of that subcommand. */
    private static void assertRunnable(List<String> args) {
        CommandLine command = EksFleet.commandLine().getSubcommands().get(args.get(0));
        assertThat(command).as("subcommand " + args.get(0)).isNotNull();
        args.stream().filter(a -> a.startsWith("--")).forEach(option ->
                assertThat(command.getCommandSpec().findOption(option)).as(args.get(0) + " " + option).isNotNull());
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(file))) {
            docs.add(map(doc));
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object o) {
        return (Map<String, V>) o;
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }
}
