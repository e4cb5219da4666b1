package io.eksfleet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One platform's image as Jib wrote it (docker save's layout), opened as {@code docker load} would: its
 * configuration and its gzipped layers, in order.
 */
final class JibTar {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Path dir;
    final JsonNode config;
    final List<Path> layers = new ArrayList<>();

    JibTar(Path tar, Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        run(dir, "tar", "-xf", tar.toAbsolutePath().toString());
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(dir.resolve(manifest.path("Config").asString()).toFile());
        manifest.path("Layers").forEach(layer -> layers.add(dir.resolve(layer.asString())));
    }

    /** The container settings: user, entry point, labels, ports. */
    JsonNode container() {
        return config.path("config");
    }

    String label(String name) {
        return container().path("Labels").path(name).asString();
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        container().path("Entrypoint").forEach(arg -> entrypoint.add(arg.asString()));
        return entrypoint;
    }

    /** Every path the layers hold. */
    List<String> files() throws Exception {
        List<String> files = new ArrayList<>();
        for (Path layer : layers) {
            files.addAll(run(dir, "tar", "--warning=no-unknown-keyword", "-tzf", layer.toString()).lines().toList());
        }
        return files;
    }

    /** The image's file system, its layers laid one over the other (made once). */
    Path rootfs() throws Exception {
        Path root = dir.resolve("rootfs");
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            for (Path layer : layers) {
                run(root, "tar", "--warning=no-unknown-keyword", "-xzf", layer.toString());
            }
        }
        return root;
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Runs {@code command} in {@code in}; its output, stdout and stderr together, once it exited 0. */
    static String run(Path in, String... command) throws Exception {
        Path out = Files.createTempFile("image-it", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
            String output = Files.readString(out);
            assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
