package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
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
 * No Docker engine or cluster runs here, so the container and Kubernetes files are checked against the code
 * (every command, option, config key, port, topic and consumer group they name exists) and against the
 * Kubernetes, KEDA and Compose schemas.
 */
class DeployFilesTest {

    static final Path ROOT = io.eksfleet.bench.LocalFleet.checkout();
    static final int MANAGEMENT_PORT = 8080;
    static final String VERSION = version();

    /** The project's version, as the root pom names it. */
    private static String version() {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>eksfleet-parent</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(ROOT.resolve("pom.xml")));
            assertThat(m.find()).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
        assertThat(services.get("kafka")).containsKey("healthcheck");
        for (String name : List.of("kafka", "simulator", "coordinator", "worker")) {
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).containsEntry("restart", "unless-stopped");
            if (!name.equals("kafka")) {
                assertThat(service.get("image")).as("the image the image module builds").isEqualTo("eksfleet:" + VERSION);
            }
            if (service.get("ports") instanceof List<?> ports) {
                assertThat(strings(ports)).as(name + " publishes on loopback only").allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        }
        for (String name : List.of("coordinator", "worker")) {
            Map<String, Map<String, Object>> dependsOn = map(services.get(name).get("depends_on"));
            assertThat(dependsOn.get("kafka")).as(name + " waits for a healthy Kafka").containsEntry("condition", "service_healthy");
        }
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
        assertThat(kinds).contains("Deployment", "ConfigMap", "ServiceAccount", "PodDisruptionBudget", "ScaledObject",
                "TriggerAuthentication", "Kustomization");

        for (Map<String, Object> doc : docs) {
            switch ((String) doc.get("kind")) {
                case "Deployment" -> {
                    Map<String, Object> spec = map(doc.get("spec"));
                    Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
                    assertThat(pod.get("serviceAccountName")).isEqualTo("eksfleet");
                    assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
                    if (name(doc).equals("eksfleet-worker")) {
                        assertThat(spec).as("KEDA sets the workers' replicas").doesNotContainKey("replicas");
                    }
                    for (Object c : (List<?>) pod.get("containers")) {
                        Map<String, Object> container = map(c);
                        assertThat(container.get("image")).as("the image is pinned in the kustomization").isEqualTo("eksfleet");
                        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                                .containsEntry("allowPrivilegeEscalation", false);
                        List<String> args = strings((List<?>) container.get("args"));
                        assertRunnable(args);
                        assertThat(args).contains("$(EKSFLEET_BOOTSTRAP_SERVERS)");
                        if (name(doc).equals("eksfleet-coordinator")) {
                            assertThat(args).as("event-triggered scans on").contains("--assume-role");
                        }
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
                    assertThat(data).as("the bootstrap address, written once").containsKey("bootstrap-servers");
                    assertThat(keys).doesNotContainKey("bootstrap-servers");
                }
                case "Kustomization" -> {
                    List<String> resources = strings((List<?>) doc.get("resources"));
                    assertThat(resources.get(0)).as("the namespace first").isEqualTo("namespace.yaml");
                    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
                        assertThat(resources).as("every manifest, once").containsExactlyInAnyOrderElementsOf(files
                                .map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
                    }
                    Map<String, Object> image = map(((List<?>) doc.get("images")).get(0));
                    assertThat(image.get("name")).isEqualTo("eksfleet");
                    assertThat(image.get("newTag")).as("the tag the image module builds (eksfleet:<version>), not latest").isEqualTo(VERSION);
                }
                case "ServiceAccount" -> assertThat(map(map(doc.get("metadata")).get("annotations")))
                        .containsKey("eks.amazonaws.com/role-arn");
                case "ScaledObject" -> {
                    Map<String, Object> spec = map(doc.get("spec"));
                    assertThat((Integer) spec.get("maxReplicaCount")).as("as many workers as the config map's stage partitions")
                            .isEqualTo(stagePartitions(docs));
                    assertThat(spec).as("cooldownPeriod only acts when scaling to zero").doesNotContainKey("cooldownPeriod");
                    for (Object t : (List<?>) spec.get("triggers")) {
                        assertThat(map(map(t).get("authenticationRef")).get("name")).isEqualTo("eksfleet-kafka");
                        Map<String, Object> trigger = map(map(t).get("metadata"));
                        assertThat(trigger).containsEntry("bootstrapServersFromEnv", "EKSFLEET_BOOTSTRAP_SERVERS")
                                .doesNotContainKey("bootstrapServers");
                        String topic = (String) trigger.get("topic");
                        assertThat(Topics.STAGES.stream().map(Topic::name)).contains(topic);
                        assertThat(trigger.get("consumerGroup")).isEqualTo(Worker.groupOf(topic));
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Every manifest against the schema of its kind (Kubernetes' own, and KEDA's CRDs for ScaledObject and
     * TriggerAuthentication, as npm's kubernetes-models packages carry them), the compose file against the
     * Compose specification; and a manifest with a wrong type, to show the check can fail. Needs Node.js, npm
     * (the schema packages are installed under target/); kubectl renders the kustomization where it is installed.
     */
    @Test
    void manifestsAndTheComposeFileFollowTheirSchemas() throws Exception {
        Tools.require("node", "the schemas are checked by a Node.js script");
        Tools.require("npm", "npm installs the schema packages");
        Path tools = Path.of("target/deploy-check");
        Files.createDirectories(tools);
        for (String file : List.of("package.json", "validate.mjs")) {
            Files.copy(Path.of("src/test/node/deploy-check", file), tools.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(tools.resolve("node_modules/kubernetes-models"))) {
            assertThat(run(tools, "npm", "install", "--no-audit", "--no-fund", "--loglevel", "error").exitCode()).isZero();
        }
        List<String> manifests = new ArrayList<>(List.of("node", "validate.mjs", "k8s"));
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted()
                    .forEach(f -> manifests.add(f.toString()));
        }
        Ran k8s = run(tools, manifests.toArray(String[]::new));
        assertThat(k8s.exitCode()).as(k8s.output()).isZero();
        assertThat(k8s.output()).contains((manifests.size() - 3) + " file(s) checked, 0 problem(s)");
        Ran compose = run(tools, "node", "validate.mjs", "compose", ROOT.resolve("docker-compose.yml").toString());
        assertThat(compose.exitCode()).as(compose.output()).isZero();

        if (Tools.optional("kubectl", "kubectl kustomize renders the kustomization").isPresent()) {
            Ran built = run(tools, "kubectl", "kustomize", ROOT.resolve("deploy/kubernetes").toString());
            assertThat(built.exitCode()).as(built.output()).isZero();
            assertThat(built.output()).as("kubectl apply -k meets the namespace first").startsWith("apiVersion: v1\nkind: Namespace\n");
            assertThat(built.output().lines().filter(l -> l.trim().startsWith("image:")))
                    .hasSize(2).allMatch(l -> l.trim().matches("image: \\S+/eksfleet:\\d+\\.\\d+\\.\\d+"));
        }
        Path wrong = Files.writeString(tools.resolve("wrong.yaml"), Files.readString(ROOT.resolve("deploy/kubernetes/keda-scaledobject.yaml"))
                .replace("maxReplicaCount: 24", "maxReplicaCount: twenty-four"));
        Ran control = run(tools, "node", "validate.mjs", "k8s", wrong.toAbsolutePath().toString());
        assertThat(control.exitCode()).isEqualTo(1);
        assertThat(control.output()).contains("ScaledObject eksfleet-worker", "maxReplicaCount must be integer");
    }

    record Ran(int exitCode, String output) {
    }

    private static Ran run(Path dir, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return new Ran(process.exitValue(), Files.readString(out));
    }

    private static String name(Map<String, Object> doc) {
        return (String) map(doc.get("metadata")).get("name");
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
    /** The stage partitions the ConfigMap's eksfleet.properties creates the topics with (the option's default without the key). */
    private static int stagePartitions(List<Map<String, Object>> docs) throws IOException {
        Map<String, Object> configMap = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        Properties keys = new Properties();
        keys.load(new StringReader((String) map(configMap.get("data")).get("eksfleet.properties")));
        return Integer.parseInt(keys.getProperty("stage-partitions", String.valueOf(Topics.STAGE_PARTITIONS)));
    }

    private static <V> Map<String, V> map(Object o) {
        return (Map<String, V>) o;
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }
}
