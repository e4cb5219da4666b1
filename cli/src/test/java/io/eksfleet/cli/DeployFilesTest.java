package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import io.eksfleet.topic.KafkaClients;
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
 * (every command, option, config key, port, topic and consumer group they name exists) and, strictly (unknown
 * fields fail), against the Kubernetes, KEDA, Prometheus operator and Compose schemas.
 */
class DeployFilesTest {

    static final Path ROOT = io.eksfleet.bench.LocalFleet.checkout();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path CHECK = Path.of("src/test/node/deploy-check");
    static final int MANAGEMENT_PORT = 8080;
    static final String MANAGEMENT_PORT_NAME = "management";
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
        List<Map<String, Object>> docs = manifests();
        List<String> kinds = docs.stream().map(d -> (String) d.get("kind")).toList();
        assertThat(kinds).contains("Deployment", "ConfigMap", "ServiceAccount", "PodDisruptionBudget", "ScaledObject",
                "TriggerAuthentication", "Kustomization", "NetworkPolicy", "PodMonitor");

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
                    for (Map<String, Object> container : maps(pod.get("containers"))) {
                        assertThat(container.get("image")).as("the image is pinned in the kustomization").isEqualTo("eksfleet");
                        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                                .containsEntry("allowPrivilegeEscalation", false);
                        List<String> args = strings((List<?>) container.get("args"));
                        assertRunnable(args);
                        assertThat(args).contains("$(EKSFLEET_BOOTSTRAP_SERVERS)");
                        if (name(doc).equals("eksfleet-coordinator")) {
                            assertThat(args).as("event-triggered scans on").contains("--assume-role");
                        }
                        assertThat(String.join(" ", args)).as("static membership under the pod's name").contains("--instance-id $(POD_NAME)");
                        assertThat(maps(container.get("env"))).as("POD_NAME from the downward API")
                                .anySatisfy(e -> assertThat(e).containsEntry("name", "POD_NAME").containsEntry("valueFrom",
                                        Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))));
                        assertThat(maps(container.get("ports")).get(0)).containsEntry("name", MANAGEMENT_PORT_NAME)
                                .containsEntry("containerPort", MANAGEMENT_PORT);
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
                    try (Stream<Path> files = Files.list(KUBERNETES)) {
                        assertThat(resources).as("every manifest, once").containsExactlyInAnyOrderElementsOf(files
                                .map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
                    }
                    assertThat(doc).as("the PodMonitor needs the Prometheus operator's CRDs: an optional component").doesNotContainKey("components");
                    Map<String, Object> image = map(((List<?>) doc.get("images")).get(0));
                    assertThat(image.get("name")).isEqualTo("eksfleet");
                    assertThat(image.get("newTag")).as("the tag the image module builds (eksfleet:<version>), not latest").isEqualTo(VERSION);
                }
                case "ServiceAccount" -> assertThat(map(doc.get("metadata")))
                        .as("no placeholder role: Pod Identity associates the role outside the manifests (IRSA: kubectl annotate)")
                        .doesNotContainKey("annotations");
                case "ScaledObject" -> {
                    Map<String, Object> spec = map(doc.get("spec"));
                    assertThat((Integer) spec.get("maxReplicaCount")).as("as many workers as the config map's stage partitions")
                            .isEqualTo(stagePartitions(docs));
                    assertThat(spec).as("cooldownPeriod only acts when scaling to zero").doesNotContainKey("cooldownPeriod");
                    List<String> topics = new ArrayList<>();
                    for (Map<String, Object> t : maps(spec.get("triggers"))) {
                        assertThat(map(t.get("authenticationRef")).get("name")).isEqualTo("eksfleet-kafka");
                        Map<String, Object> trigger = map(t.get("metadata"));
                        assertThat(trigger).containsEntry("bootstrapServersFromEnv", "EKSFLEET_BOOTSTRAP_SERVERS")
                                .doesNotContainKey("bootstrapServers");
                        String topic = (String) trigger.get("topic");
                        topics.add(topic);
                        assertThat(trigger.get("consumerGroup")).as(topic).isEqualTo(Worker.groupOf(topic));
                        assertThat(KafkaClients.ConsumerRole.member(Worker.groupOf(topic), 1).startsAtEnd()).isFalse();
                        assertThat(trigger).as("a partition without a committed offset counts from its first record, as the workers read it")
                                .containsEntry("offsetResetPolicy", "earliest");
                    }
                    assertThat(topics).as("every stage topic and its retry topic, once").containsExactlyInAnyOrderElementsOf(
                            Topics.STAGES.stream().flatMap(s -> Stream.of(s, Topics.retryOf(s))).map(Topic::name).toList());
                }
                default -> { }
            }
        }
    }

    /** A node drain never hangs on the workers' budget, and the workers spread over zones and nodes. */
    @Test
    void workersSurviveDrainsAndSpread() throws IOException {
        List<Map<String, Object>> docs = manifests();
        Map<String, Object> budget = map(only(docs, "PodDisruptionBudget").get("spec"));
        int fewest = (Integer) map(only(docs, "ScaledObject").get("spec")).get("minReplicaCount");
        assertThat(evictionsAllowed(budget, fewest)).as("a node drain can evict KEDA's last worker").isPositive();
        assertThat(budget).as("a crash-looping worker never blocks a drain").containsEntry("unhealthyPodEvictionPolicy", "AlwaysAllow");

        Map<String, Object> template = map(map(deployment(docs, "eksfleet-worker").get("spec")).get("template"));
        List<Map<String, Object>> spread = maps(map(template.get("spec")).get("topologySpreadConstraints"));
        assertThat(spread).extracting(c -> c.get("topologyKey")).containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertThat(spread).allSatisfy(c -> assertThat(map(map(c.get("labelSelector")).get("matchLabels")))
                .as("the constraint counts the workers").isEqualTo(map(template.get("metadata")).get("labels")));
    }

    /**
     * The NetworkPolicy lets the pods reach DNS, Kafka (the config map's port), the AWS APIs and the Pod Identity agent,
     * and be reached on the management port only; it, the PodMonitor and the budget select the pods they mean.
     */
    @Test
    void networkPolicyAndPodMonitorSelectThePods() throws IOException {
        List<Map<String, Object>> docs = manifests();
        Map<String, Object> policy = map(only(docs, "NetworkPolicy").get("spec"));
        assertThat(strings((List<?>) policy.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(maps(policy.get("ingress")).stream().flatMap(r -> maps(r.get("ports")).stream()).map(p -> p.get("port")))
                .as("only the management port is reached").containsOnly(MANAGEMENT_PORT_NAME);
        String bootstrap = (String) map(only(docs, "ConfigMap").get("data")).get("bootstrap-servers");
        assertThat(maps(policy.get("egress")).stream().flatMap(r -> maps(r.get("ports")).stream()).map(p -> p.get("port")))
                .as("DNS, Kafka, the AWS APIs, the Pod Identity agent")
                .contains(53, Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)), 443, 80);

        Map<String, Object> podMonitor = map(only(docs, "PodMonitor").get("spec"));
        assertThat(maps(podMonitor.get("podMetricsEndpoints"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("port", MANAGEMENT_PORT_NAME).containsEntry("path", "/metrics"));
        assertThat(strings((List<?>) podMonitor.get("podTargetLabels"))).as("the alert rules select by app").contains("app");

        Map<String, Map<String, Object>> pods = new java.util.HashMap<>();
        docs.stream().filter(d -> "Deployment".equals(d.get("kind")))
                .forEach(d -> pods.put(name(d), map(map(map(map(d.get("spec")).get("template")).get("metadata")).get("labels"))));
        Map<String, Object> selectors = Map.of("NetworkPolicy", policy.get("podSelector"), "PodMonitor", podMonitor.get("selector"),
                "PodDisruptionBudget", map(only(docs, "PodDisruptionBudget").get("spec")).get("selector"));
        selectors.forEach((kind, selector) -> assertThat(pods.keySet().stream().filter(pod -> selects(map(selector), pods.get(pod))))
                .as(kind + " selects").containsExactlyInAnyOrderElementsOf(
                        kind.equals("PodDisruptionBudget") ? List.of("eksfleet-worker") : List.copyOf(pods.keySet())));
    }

    /** Every manifest of deploy/kubernetes and of its optional PodMonitor component. */
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(yaml(file));
            }
        }
        docs.addAll(yaml(KUBERNETES.resolve("podmonitor/podmonitor.yaml")));
        return docs;
    }

    /** The one manifest of {@code kind}. */
    private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
        return one(docs.stream().filter(d -> kind.equals(d.get("kind"))).toList(), kind);
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> docs, String name) {
        return one(docs.stream().filter(d -> "Deployment".equals(d.get("kind")) && name.equals(name(d))).toList(), name);
    }

    private static Map<String, Object> one(List<Map<String, Object>> found, String what) {
        assertThat(found).as("one " + what).hasSize(1);
        return found.get(0);
    }

    /** Voluntary evictions a PodDisruptionBudget allows while {@code replicas} healthy pods run. */
    private static int evictionsAllowed(Map<String, Object> budget, int replicas) {
        if (budget.get("maxUnavailable") instanceof Integer max) {
            return max;
        }
        return replicas - (Integer) budget.get("minAvailable");
    }

    /** Whether a label selector of matchLabels and In expressions selects a pod of these labels. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = selector.get("matchLabels") == null ? Map.of() : map(selector.get("matchLabels"));
        boolean expressions = selector.get("matchExpressions") == null || maps(selector.get("matchExpressions")).stream()
                .allMatch(e -> "In".equals(e.get("operator")) && ((List<?>) e.get("values")).contains(labels.get(e.get("key"))));
        return labels.entrySet().containsAll(match.entrySet()) && expressions;
    }

    /**
     * Every document {@code kubectl kustomize} renders, with and without the PodMonitor component, against the schema of
     * its kind, strictly (a field the schema does not list fails, as kubeconform -strict): Kubernetes' own, KEDA's CRDs
     * and the Prometheus operator's, as npm's kubernetes-models packages carry them. The negative control is the same
     * render with misspelt fields and a wrong type in each kind the typos can hide in. Needs Node.js, npm (the packages
     * are installed under target/) and kubectl.
     */
    @Test
    void manifestsPassAStrictSchemaCheck() throws Exception {
        Path tools = schemaTools();
        Tools.require("kubectl", "kubectl kustomize renders the kustomization");
        Path rendered = render(tools, "rendered.yaml", KUBERNETES);
        String manifests = Files.readString(rendered);
        assertThat(manifests).as("kubectl apply -k meets the namespace first").startsWith("apiVersion: v1\nkind: Namespace\n");
        assertThat(manifests.lines().filter(l -> l.trim().startsWith("image:")))
                .hasSize(2).allMatch(l -> l.trim().matches("image: \\S+/eksfleet:" + java.util.regex.Pattern.quote(VERSION)));
        assertThat(manifests).as("the default kustomization needs no Prometheus operator").doesNotContain("kind: PodMonitor");

        Path overlay = Files.createDirectories(tools.resolve("with-podmonitor"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources: [" + overlay.toAbsolutePath().relativize(KUBERNETES.toAbsolutePath()) + "]\n"
                + "components: [" + overlay.toAbsolutePath().relativize(KUBERNETES.resolve("podmonitor").toAbsolutePath()) + "]\n");
        Path withPodMonitor = render(tools, "rendered-with-podmonitor.yaml", overlay);
        List<String> documents = List.of(manifests.split("\n---\n"));
        assertThat(Files.readString(withPodMonitor).split("\n---\n")).as("the same documents and a PodMonitor")
                .containsAll(documents).hasSize(documents.size() + 1).anyMatch(d -> d.contains("\nkind: PodMonitor\n"));

        Ran strict = run(tools, "node", "validate.mjs", "k8s", rendered.toString(), withPodMonitor.toString());
        assertThat(strict.exitCode()).as(strict.output()).isZero();
        assertThat(strict.output()).contains("2 file(s) checked, 0 problem(s)");

        Map<String, String> typos = new java.util.LinkedHashMap<>();
        typos.put("readOnlyRootFilesystem", "readOnlyRootFilesytem");
        typos.put("maxUnavailable", "maxUnavailble");
        typos.put("minReplicaCount", "minReplicaCont");
        typos.put("podTargetLabels", "podTargetLabel");
        typos.put("policyTypes", "policyType");
        typos.put("topologySpreadConstraints", "topologySpreadConstraint");
        String wrong = Files.readString(withPodMonitor).replace("maxReplicaCount: 24", "maxReplicaCount: twenty-four");
        for (Map.Entry<String, String> typo : typos.entrySet()) {
            assertThat(wrong).contains(typo.getKey() + ":");
            wrong = wrong.replace(typo.getKey() + ":", typo.getValue() + ":");
        }
        Ran control = run(tools, "node", "validate.mjs", "k8s", Files.writeString(tools.resolve("wrong.yaml"), wrong).toAbsolutePath().toString());
        assertThat(control.exitCode()).as(control.output()).isEqualTo(1);
        assertThat(control.output()).contains(
                "(Deployment eksfleet-coordinator): /spec/template/spec/containers/0/securityContext has unknown field \"readOnlyRootFilesytem\"",
                "(Deployment eksfleet-worker): /spec/template/spec/containers/0/securityContext has unknown field \"readOnlyRootFilesytem\"",
                "(Deployment eksfleet-worker): /spec/template/spec has unknown field \"topologySpreadConstraint\"",
                "(PodDisruptionBudget eksfleet-worker): /spec has unknown field \"maxUnavailble\"",
                "(ScaledObject eksfleet-worker): /spec has unknown field \"minReplicaCont\"",
                "(ScaledObject eksfleet-worker): data/spec/maxReplicaCount must be integer",
                "(PodMonitor eksfleet): /spec has unknown field \"podTargetLabel\"",
                "(NetworkPolicy eksfleet): /spec has unknown field \"policyType\"",
                "1 file(s) checked, 8 problem(s)");
    }

    /** The compose file against the Compose specification, whose schema rejects unknown keys itself; a typo must fail. */
    @Test
    void composeFileFollowsItsSchema() throws Exception {
        Path tools = schemaTools();
        Ran compose = run(tools, "node", "validate.mjs", "compose", ROOT.resolve("docker-compose.yml").toString());
        assertThat(compose.exitCode()).as(compose.output()).isZero();
        Ran control = run(tools, "node", "validate.mjs", "compose", Files.writeString(tools.resolve("wrong-compose.yml"),
                Files.readString(ROOT.resolve("docker-compose.yml")).replace("restart: unless-stopped", "restrat: unless-stopped"))
                .toAbsolutePath().toString());
        assertThat(control.exitCode()).as(control.output()).isEqualTo(1);
        assertThat(control.output()).contains("/services/worker must NOT have additional properties {\"additionalProperty\":\"restrat\"}");
    }

    /**
     * target/deploy-check with the schema packages that package-lock.json pins (versions and hashes), installed by
     * {@code npm ci} again whenever the lock changes. Skips (fails under CI=true) without Node.js and npm.
     */
    private static synchronized Path schemaTools() throws Exception {
        Tools.require("node", "the schemas are checked by a Node.js script");
        Tools.require("npm", "npm installs the schema packages");
        Path tools = Files.createDirectories(Path.of("target/deploy-check"));
        for (String file : List.of("validate.mjs", "package.json", "package-lock.json")) {
            Files.copy(CHECK.resolve(file), tools.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String lock = Files.readString(CHECK.resolve("package-lock.json"));
        Path installed = tools.resolve("node_modules/.installed-package-lock.json");
        if (!Files.isRegularFile(installed) || !Files.readString(installed).equals(lock)) {
            Ran install = run(tools, "npm", "ci", "--no-audit", "--no-fund", "--loglevel", "error");
            assertThat(install.exitCode()).as(install.output()).isZero();
            Files.writeString(installed, lock);
        }
        return tools;
    }

    private static Path render(Path tools, String file, Path kustomization) throws Exception {
        Ran built = run(tools, "kubectl", "kustomize", kustomization.toAbsolutePath().toString());
        assertThat(built.exitCode()).as(built.output()).isZero();
        return Files.writeString(tools.resolve(file), built.output()).toAbsolutePath();
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

    private static List<Map<String, Object>> maps(Object list) {
        return ((List<?>) list).stream().map(DeployFilesTest::<Object>map).toList();
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }
}
