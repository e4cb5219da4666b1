package io.eksfleet.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image Jib wrote (target/jib-image.tar, as {@code docker save} writes one), opened as {@code docker load} would: its
 * configuration, its layers and what they hold; then, where the test runs as root, its file system started
 * with chroot as the image's user, which shows the runtime and the class path it names are whole.
 */
class ImageIT {

    static final Path TAR = Path.of("target/jib-image.tar");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static JsonNode config;
    static List<Path> layers = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        run(dir, "tar", "-xf", TAR.toAbsolutePath().toString());
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(dir.resolve(manifest.path("Config").asString()).toFile()).path("config");
        manifest.path("Layers").forEach(layer -> layers.add(dir.resolve(layer.asString())));
    }

    @Test
    void runsAsANonRootUserWithTheEksfleetCommandAsItsEntryPoint() {
        assertThat(config.path("User").asString()).isEqualTo("65532:65532");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(arg -> entrypoint.add(arg.asString()));
        assertThat(entrypoint).startsWith("/opt/java/bin/java").endsWith("-cp", "@/app/jib-classpath-file", "io.eksfleet.cli.EksFleet");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("Labels").path("org.opencontainers.image.version").asString()).isNotBlank();
    }

    @Test
    void layersSeparateDependenciesFromTheApplicationAndHoldNoTestOrBrokerJars() throws Exception {
        assertThat(layers).as("dependencies, eksfleet's modules, resources, the runtime").hasSizeGreaterThanOrEqualTo(4);
        List<String> files = new ArrayList<>();
        long bytes = 0;
        for (Path layer : layers) {
            files.addAll(run(dir, "tar", "--warning=no-unknown-keyword", "-tzf", layer.toString()).lines().toList());
            bytes += Files.size(layer);
        }
        assertThat(files).anyMatch(f -> f.matches("app/libs/kafka-clients-.*\\.jar")).anyMatch(f -> f.matches("app/libs/eksfleet(-cli-.*)?\\.jar"))
                .contains("opt/java/bin/java", "etc/passwd");
        assertThat(files).as("no test library, no Kafka Streams or RocksDB, no embedded broker")
                .noneMatch(f -> f.matches("app/libs/(junit|spring-test|mockito|assertj|testcontainers|rocksdbjni|kafka-streams"
                        + "|kafka_2\\.13|kafka-server-|kafka-metadata|scala-library|eksfleet-simulator|eksfleet-bench|bcprov|httpclient-4|snakeyaml-engine).*"));
        assertThat(bytes).as("compressed size of the layers").isLessThan(150L * 1024 * 1024);
    }

    @Test
    void theImagesFileSystemRunsEksfleetAsItsUser() throws Exception {
        Tools.requireThat("0".equals(run(dir, "id", "-u").strip()), "chroot needs root");
        Path chroot = Tools.require("chroot", "the image's file system is started with chroot");
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        for (Path layer : layers) {
            run(root, "tar", "--warning=no-unknown-keyword", "-xzf", layer.toString());
        }
        // A bare chroot has no /proc, where the loader finds $ORIGIN: the runtime's library path is given instead.
        List<String> java = new ArrayList<>(List.of("env", "-i", "LD_LIBRARY_PATH=/opt/java/lib", "HOME=/home/nonroot", chroot.toString(),
                "--userspec=65532:65532", root.toString()));
        config.path("Entrypoint").forEach(arg -> java.add(arg.asString()));
        List<String> version = new ArrayList<>(java);
        version.add("--version");
        assertThat(run(root, version.toArray(String[]::new))).contains("eksfleet");
        List<String> presets = new ArrayList<>(java);
        presets.addAll(List.of("presets", "--output", "json"));
        assertThat(run(root, presets.toArray(String[]::new))).contains("\"preset\":\"conservative\"");
        List<String> embedded = new ArrayList<>(java);
        embedded.addAll(List.of("scan", "--assume-role", "R", "--kubeconfig", "/tmp/k", "--aws-config", "/tmp/a"));
        Path out = Files.createTempFile(dir, "scan", ".txt");
        Process scan = new ProcessBuilder(embedded).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(scan.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(scan.exitValue()).isEqualTo(1);
        assertThat(Files.readString(out).strip()).as("the image has no embedded broker and says what to do")
                .isEqualTo("eksfleet scan: this eksfleet has no embedded Kafka broker (the container image leaves it out): give --bootstrap-servers");
    }

    private static String run(Path in, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
