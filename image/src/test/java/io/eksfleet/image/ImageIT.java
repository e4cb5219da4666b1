package io.eksfleet.image;

import static io.eksfleet.image.JibTar.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The images the build wrote: each platform's tar (target/jib-image.tar for linux/amd64,
 * target/jib-image-arm64.tar for linux/arm64, as {@code docker save} writes them), opened as {@code docker load}
 * would, and the image index that holds both (target/eksfleet.oci.tar), read by skopeo. The amd64 file system
 * is started with chroot as the image's user where the test runs as root, the arm64 one under qemu-user.
 */
class ImageIT {

    static final Path TARGET = Path.of("target");
    static final boolean ARM64 = !Boolean.getBoolean("image.arm64.skip");

    @TempDir
    static Path dir;
    static JibTar amd64;
    static JibTar arm64;

    @BeforeAll
    static void open() throws Exception {
        amd64 = new JibTar(TARGET.resolve("jib-image.tar"), dir.resolve("amd64"));
        if (ARM64) {
            arm64 = new JibTar(TARGET.resolve("jib-image-arm64.tar"), dir.resolve("arm64"));
        }
    }

    static List<JibTar> platforms() {
        return ARM64 ? List.of(amd64, arm64) : List.of(amd64);
    }

    @Test
    void runsAsANonRootUserWithTheEksfleetCommandAsItsEntryPointAndSaysWhereItComesFrom() {
        for (JibTar image : platforms()) {
            JsonNode config = image.container();
            assertThat(config.path("User").asString()).isEqualTo("65532:65532");
            assertThat(image.entrypoint()).startsWith("/opt/java/bin/java").endsWith("-cp", "@/app/jib-classpath-file", "io.eksfleet.cli.EksFleet");
            // A flag on the command line would win over JAVA_TOOL_OPTIONS, the only way to set one in a container.
            assertThat(image.entrypoint()).noneMatch(arg -> arg.startsWith("-XX:TieredStopAtLevel") || arg.startsWith("-XX:-TieredCompilation"));
            assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
            assertThat(image.label("org.opencontainers.image.title")).isEqualTo("eksfleet");
            assertThat(image.label("org.opencontainers.image.version")).isNotBlank();
            assertThat(image.label("org.opencontainers.image.revision")).as("the commit").matches("[0-9a-f]{40}");
            assertThat(image.label("org.opencontainers.image.source")).startsWith("https://");
            assertThat(image.label("org.opencontainers.image.licenses")).isNotBlank();
        }
        assertThat(amd64.config.path("architecture").asString()).isEqualTo("amd64");
        if (ARM64) {
            assertThat(arm64.config.path("architecture").asString()).isEqualTo("arm64");
            assertThat(arm64.container()).as("one configuration but for the platform").isEqualTo(amd64.container());
        }
    }

    @Test
    void layersSeparateDependenciesFromTheApplicationAndHoldNoTestOrBrokerJars() throws Exception {
        for (JibTar image : platforms()) {
            assertThat(image.layers).as("dependencies, eksfleet's modules, resources, the runtime").hasSizeGreaterThanOrEqualTo(4);
            List<String> files = image.files();
            assertThat(files).anyMatch(f -> f.matches("app/libs/kafka-clients-.*\\.jar")).anyMatch(f -> f.matches("app/libs/eksfleet(-cli-.*)?\\.jar"))
                    .contains("opt/java/bin/java", "etc/passwd");
            assertThat(files).as("no test library, no Kafka Streams or RocksDB, no embedded broker")
                    .noneMatch(f -> f.matches("app/libs/(junit|spring-test|mockito|assertj|testcontainers|rocksdbjni|kafka-streams"
                            + "|kafka_2\\.13|kafka-server-|kafka-metadata|scala-library|eksfleet-simulator|eksfleet-bench|bcprov|httpclient-4|snakeyaml-engine).*"));
            long bytes = 0;
            for (Path layer : image.layers) {
                bytes += Files.size(layer);
            }
            assertThat(bytes).as("compressed size of the layers").isLessThan(150L * 1024 * 1024);
        }
    }

    /**
     * What makes two builds of one commit give the same digest: the image's time is the commit's, not the
     * build's; eksfleet's jars carry that time in every entry (project.build.outputTimestamp), not the times
     * their classes were compiled; Jib fixes every file's time in the layers. Two whole builds giving one
     * digest is shown in docs/operations.md.
     */
    @Test
    void itsTimesAreTheCommitsSoTwoBuildsOfOneCommitGiveOneDigest() throws Exception {
        Instant created = Instant.parse(amd64.config.path("created").asString());
        assertThat(amd64.label("org.opencontainers.image.created")).isEqualTo(amd64.config.path("created").asString());
        String commit = run(Path.of("."), "git", "log", "-1", "--format=%cI", amd64.label("org.opencontainers.image.revision")).strip();
        assertThat(created).as("the commit's time").isEqualTo(Instant.parse(commit));
        LocalDateTime dosTime = LocalDateTime.ofInstant(created, ZoneOffset.UTC).withSecond(created.atOffset(ZoneOffset.UTC).getSecond() & ~1);
        Path root = amd64.rootfs();
        List<Path> jars;
        try (var libs = Files.list(root.resolve("app/libs"))) {
            jars = libs.filter(jar -> jar.getFileName().toString().startsWith("eksfleet")).toList();
        }
        assertThat(jars).hasSizeGreaterThanOrEqualTo(5);
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                // One time for every entry; it is this commit's on a clean build, an earlier one where an incremental build kept the jar.
                assertThat(zip.stream().map(entry -> entry.getTimeLocal()).collect(Collectors.toSet())).as(jar.getFileName().toString())
                        .hasSize(1).allMatch(time -> !time.isAfter(dosTime));
            }
        }
        String listing = run(dir, "tar", "--warning=no-unknown-keyword", "--full-time", "-tvzf", amd64.layers.get(0).toString());
        assertThat(listing.lines()).allMatch(line -> line.contains(" 1970-01-01 00:00:01 "));
    }

    /** One image index, both platforms, as skopeo (what pushes it to a registry) reads it; the index holds Jib's own bytes. */
    @Test
    void bothPlatformsAreOneImageIndexThatSkopeoReads() throws Exception {
        Path skopeo = Tools.require("skopeo", "the image index is read with skopeo (Debian's skopeo package)");
        String archive = "oci-archive:" + TARGET.resolve("eksfleet.oci.tar").toAbsolutePath();
        JsonNode index = JibTar.json(run(dir, skopeo.toString(), "inspect", "--raw", archive));
        assertThat(index.path("mediaType").asString()).isEqualTo("application/vnd.oci.image.index.v1+json");
        Map<String, String> platforms = new TreeMap<>();
        index.path("manifests").forEach(m -> platforms.put(m.path("platform").path("os").asString() + "/" + m.path("platform").path("architecture").asString(),
                m.path("digest").asString()));
        assertThat(platforms.keySet()).containsExactlyElementsOf(ARM64 ? List.of("linux/amd64", "linux/arm64") : List.of("linux/amd64"));
        for (JibTar image : platforms()) {
            String arch = image.config.path("architecture").asString();
            JsonNode inspected = JibTar.json(run(dir, skopeo.toString(), "inspect", "--override-os", "linux", "--override-arch", arch, archive));
            assertThat(inspected.path("Architecture").asString()).isEqualTo(arch);
            assertThat(inspected.path("Labels").path("org.opencontainers.image.revision").asString()).isEqualTo(image.label("org.opencontainers.image.revision"));
            JsonNode config = JibTar.json(run(dir, skopeo.toString(), "inspect", "--config", "--raw", "--override-os", "linux", "--override-arch", arch, archive));
            assertThat(config).as("Jib's configuration, byte for byte").isEqualTo(image.config);
            assertThat(inspected.path("Layers").size()).isEqualTo(image.layers.size());
            for (int i = 0; i < image.layers.size(); i++) {
                assertThat(inspected.path("Layers").get(i).asString()).isEqualTo("sha256:" + sha256(image.layers.get(i)));
            }
        }
    }

    /** The SBOM beside the tars names every jar the image ships, and the image carries it too. */
    @Test
    void theSbomListsTheJarsTheImageShips() throws Exception {
        Path sbom = TARGET.resolve("eksfleet.cdx.json");
        Tools.requireThat(Files.exists(sbom), "an offline build makes no SBOM (cyclonedx's makeBom requires online mode)");
        JsonNode bom = JibTar.json(Files.readString(sbom));
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        Set<String> components = new java.util.HashSet<>();
        bom.path("components").forEach(c -> components.add(c.path("name").asString() + "-" + c.path("version").asString()));
        for (JibTar image : platforms()) {
            Path root = image.rootfs();
            List<String> jars;
            try (var libs = Files.list(root.resolve("app/libs"))) {
                jars = libs.map(jar -> jar.getFileName().toString()).filter(jar -> !jar.equals("eksfleet.jar")).toList();
            }
            assertThat(jars).hasSizeGreaterThan(50);
            assertThat(jars).as("every jar in /app/libs is in the SBOM")
                    .allMatch(jar -> components.stream().anyMatch(c -> jar.equals(c + ".jar") || jar.startsWith(c + "-")), "named in the SBOM");
            assertThat(components).contains("eksfleet-cli-" + image.label("org.opencontainers.image.version"));
            assertThat(root.resolve("app/resources/META-INF/sbom/eksfleet.cdx.json")).hasSameBinaryContentAs(sbom);
        }
    }

    /** What Trivy and Grype read to see the copied Debian libraries: the OS release and distroless-style dpkg data. */
    @Test
    void scannersSeeTheDebianPackagesOfTheCopiedLibraries() throws Exception {
        for (JibTar image : platforms()) {
            Path root = image.rootfs();
            String arch = image.config.path("architecture").asString();
            assertThat(root.resolve("etc/os-release")).content().contains("ID=");
            for (String pkg : List.of("libc6", "zlib1g", "libstdc++6", "libgcc-s1")) {
                assertThat(root.resolve("var/lib/dpkg/status.d/" + pkg)).as(arch + " " + pkg).content()
                        .contains("Package: " + pkg + "\n", "Architecture: " + arch + "\n").containsPattern("(?m)^Version: \\S+$");
            }
            assertThat(root.resolve("var/lib/dpkg/status.d/libc6")).content().contains("Source: glibc");
        }
    }

    @Test
    void theAmd64FileSystemRunsEksfleetAsItsUser() throws Exception {
        Tools.requireThat("0".equals(run(dir, "id", "-u").strip()), "chroot needs root");
        Path chroot = Tools.require("chroot", "the image's file system is started with chroot");
        Path root = amd64.rootfs();
        // A bare chroot has no /proc, where the loader finds $ORIGIN: the runtime's library path is given instead.
        List<String> java = new ArrayList<>(List.of("env", "-i", "LD_LIBRARY_PATH=/opt/java/lib", "HOME=/home/nonroot", chroot.toString(),
                "--userspec=65532:65532", root.toString()));
        java.addAll(amd64.entrypoint());
        assertThat(run(root, with(java, "--version"))).contains("eksfleet");
        assertThat(run(root, with(java, "presets", "--output", "json"))).contains("\"preset\":\"conservative\"");
        Path out = Files.createTempFile(dir, "scan", ".txt");
        Process scan = new ProcessBuilder(with(java, "scan", "--assume-role", "R", "--kubeconfig", "/tmp/k", "--aws-config", "/tmp/a"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(scan.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(scan.exitValue()).isEqualTo(1);
        assertThat(Files.readString(out).strip()).as("the image has no embedded broker and says what to do")
                .isEqualTo("eksfleet scan: this eksfleet has no embedded Kafka broker (the container image leaves it out): give --bootstrap-servers");
    }

    /**
     * The arm64 runtime (Debian's arm64 JDK, glibc and zlib) runs eksfleet under qemu-user: the loader and the
     * libraries come from the image's file system (-L); the class path names it too, as qemu does not map
     * every path the JVM opens.
     */
    @Test
    void theArm64FileSystemRunsEksfleetUnderQemu() throws Exception {
        Tools.requireThat(ARM64, "linux/arm64 is left out (-Dimage.arm64.skip)");
        Path qemu = Tools.require("qemu-aarch64-static", "the arm64 image runs under Debian's qemu-user-static");
        Path root = arm64.rootfs().toAbsolutePath();
        List<String> java = List.of(qemu.toString(), "-L", root.toString(), root + "/opt/java/bin/java");
        assertThat(run(root, with(java, "-XshowSettings:properties", "-version"))).contains("os.arch = aarch64", "OpenJDK");
        List<String> entrypoint = new ArrayList<>(java);
        String classPath = Files.readString(root.resolve("app/jib-classpath-file")).strip().replace("/app/", root + "/app/");
        for (String arg : amd64.entrypoint().subList(1, amd64.entrypoint().size())) {
            entrypoint.add(arg.equals("@/app/jib-classpath-file") ? classPath : arg);
        }
        assertThat(run(root, with(entrypoint, "--version")).strip()).isEqualTo("eksfleet " + arm64.label("org.opencontainers.image.version"));
    }

    private static String[] with(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
