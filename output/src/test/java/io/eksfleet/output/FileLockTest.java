package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.host.HostFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lock eksfleet takes is gone after every way out: a full disk, a failed write, SIGTERM. */
class FileLockTest {

    @TempDir
    Path dir;

    @Test
    void onAFullDiskTheWriteFailsTheOldFileStaysAndNoLockIsLeft() throws Exception {
        String old = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n";
        try (HostFiles.FullDisk disk = HostFiles.fullDisk(dir, d -> Files.writeString(d.resolve("config"), old))) {
            Path kubeconfig = disk.dir().resolve("config");
            Path lock = disk.dir().resolve("config.lock");

            // The empty lock file takes an inode, not a block: it is created, and then its owner line finds no space.
            assertThatThrownBy(() -> FileLock.acquire(kubeconfig, Duration.ofSeconds(1))).hasMessageContaining("No space left on device");
            assertThat(lock).doesNotExist();
            assertThat(FileLock.held()).isEmpty();

            assertThatThrownBy(() -> AtomicFile.update(KubeconfigFile.userPath(kubeconfig), text -> text + "# more\n"))
                    .hasMessageContaining("No space left on device");
            assertThat(lock).doesNotExist();
            assertThat(Files.readString(kubeconfig)).isEqualTo(old);
            try (var files = Files.list(disk.dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config", "filler");
            }
        }
    }

    @Test
    void aFailureWhileTheLockIsHeldRemovesIt() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "kind: Config\n");
        assertThatThrownBy(() -> AtomicFile.update(KubeconfigFile.userPath(kubeconfig), text -> {
            throw new IllegalStateException("merge failed");
        })).hasMessage("merge failed");
        assertThat(dir.resolve("config.lock")).doesNotExist();
        assertThat(FileLock.held()).isEmpty();
    }

    /**
     * A JVM of its own takes the lock and holds it; SIGTERM ({@link Process#destroy}) ends it, as Kubernetes or
     * a person's Ctrl-C would, and its shutdown hook removes the lock.
     */
    @Test
    void aProcessEndedBySigtermWhileItHoldsALockLeavesNone() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "kind: Config\n");
        Path lock = dir.resolve("config.lock");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), kubeconfig.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("holding");
            assertThat(Files.readString(lock)).startsWith("eksfleet pid=" + child.pid() + " ");

            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("ended by SIGTERM").isEqualTo(128 + 15);
        assertThat(lock).doesNotExist();
    }

    /** Takes the lock of the file named by its argument, says so, and waits to be ended. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            FileLock.acquire(Path.of(args[0]), Duration.ofSeconds(5));
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
