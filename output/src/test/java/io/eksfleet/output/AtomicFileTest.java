package io.eksfleet.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eksfleet.host.HostFiles;
import io.eksfleet.host.PathRefusedException;
import io.eksfleet.host.ProcessOwner;
import io.eksfleet.host.UserPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void aSymlinkIsWrittenThroughToItsTargetAndStaysALink() throws Exception {
        Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
        Path target = dotfiles.resolve("kubeconfig");
        Files.writeString(target, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("config"), Path.of("dotfiles/kubeconfig"));

        AtomicFile.update(KubeconfigFile.userPath(link), text -> text + "new\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("old\nnew\n");
        try (var files = Files.list(dotfiles)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(dir.resolve("config.lock")).doesNotExist();
    }

    @Test
    void theStampOfAnUpdateIsTheFileItLeftAndAnotherWritersChangeDiffersFromIt() throws Exception {
        Path file = dir.resolve("config");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        FileStamp written = AtomicFile.updateStamped(KubeconfigFile.userPath(link), text -> "apiVersion: v1\n");
        assertThat(written).isEqualTo(FileStamp.of(link)).isEqualTo(FileStamp.of(file)).isNotEqualTo(FileStamp.ABSENT);
        assertThat(AtomicFile.updateStamped(KubeconfigFile.userPath(link), text -> text)).as("nothing to write").isEqualTo(written);

        // Another program writing in place, as kubectl does.
        Files.writeString(file, "apiVersion: v1\nkind: Config\n");
        assertThat(FileStamp.of(file)).isNotEqualTo(written);
        Files.delete(file);
        assertThat(FileStamp.of(file)).isEqualTo(FileStamp.ABSENT);
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("config"), dir.resolve("elsewhere/config"));
        Files.createDirectories(dir.resolve("elsewhere"));
        AtomicFile.write(KubeconfigFile.userPath(link), "x\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(dir.resolve("elsewhere/config"))).isEqualTo("x\n");
    }

    /** The change is computed from the file as it is once the lock is held, not from an earlier read. */
    @Test
    void theChangeSeesWhatAnotherWriterWroteWhileItWaitedForTheLock() throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, "a\n");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                AtomicFile.update(KubeconfigFile.userPath(file), text -> {
                    holding.countDown();
                    await(release);
                    return text + "b\n";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread mine = new Thread(() -> {
            try {
                AtomicFile.update(KubeconfigFile.userPath(file), text -> text + "c\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        mine.start();
        // Only once the second writer waits for the lock does the first one write: a writer that read the
        // file before taking the lock would then write from a copy without "b".
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mine.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        other.join(10_000);
        mine.join(10_000);
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");
    }

    @Test
    void aHeldLockIsWaitedForThenReportedAndTheFileIsUntouched() throws Exception {
        Path file = dir.resolve("config");
        Files.createFile(dir.resolve("config.lock"));
        assertThatThrownBy(() -> AtomicFile.update(KubeconfigFile.userPath(file), t -> "x", Duration.ofMillis(300)))
                .hasMessage(file.toAbsolutePath() + " was not written: " + dir.resolve("config.lock")
                        + " exists (another kubectl or eksfleet is writing); if none is, delete it");
        assertThat(file).doesNotExist();
    }

    @Test
    void aLockLeftByAnEksfleetProcessThatIsGoneIsRemovedBeforeAndDuringAWrite() throws Exception {
        Path file = dir.resolve("config");
        Path lock = dir.resolve("config.lock");
        ProcessOwner self = ProcessOwner.current();
        // This pid, but another start time: the process that wrote the lock has gone and the pid was reused.
        String dead = new ProcessOwner(self.pid(), "2001-01-01T00:00:00Z", self.host()).line() + "\n";

        Files.writeString(lock, dead);
        assertThat(AtomicFile.checkWritable(KubeconfigFile.userPath(file))).hasValueSatisfying(note -> assertThat(note)
                .isEqualTo("removed the stale lock " + lock + " left by eksfleet pid " + self.pid() + ", which is no longer running"));
        assertThat(lock).doesNotExist();

        Files.writeString(lock, dead);
        AtomicFile.update(KubeconfigFile.userPath(file), t -> "written\n", Duration.ofMillis(300));
        assertThat(Files.readString(file)).isEqualTo("written\n");
        assertThat(lock).doesNotExist();
    }

    @Test
    void aLiveEksfleetLockIsNeitherRemovedNorCalledStale() throws Exception {
        Path file = dir.resolve("config");
        Path lock = Files.writeString(dir.resolve("config.lock"), ProcessOwner.current().line() + "\n");
        assertThat(AtomicFile.checkWritable(KubeconfigFile.userPath(file))).isEmpty();
        assertThatThrownBy(() -> AtomicFile.update(KubeconfigFile.userPath(file), t -> "x", Duration.ofMillis(200)))
                .hasMessageContaining("is held by eksfleet pid " + ProcessOwner.current().pid());
        assertThat(lock).exists();
    }

    @Test
    void anOldLockWithoutAnOwnerIsReportedInOneLineAndAFreshOneIsNot() throws Exception {
        Path file = dir.resolve("config");
        Path lock = Files.createFile(dir.resolve("config.lock"));
        assertThat(AtomicFile.checkWritable(KubeconfigFile.userPath(file))).isEmpty();
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        assertThatThrownBy(() -> AtomicFile.checkWritable(KubeconfigFile.userPath(file)))
                .isInstanceOf(OutputException.class)
                .hasMessageStartingWith(lock + " has stood since ")
                .hasMessageEndingWith("and names no running process: if no kubectl or eksfleet is writing " + file
                        + ", delete it (rm " + lock + ")")
                .hasMessageNotContaining("\n");
        assertThat(lock).exists();
    }

    @Test
    void temporaryFilesOfAKilledWriterAreRemovedByTheNextWrite() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "a\n");
        Path leftover = Files.writeString(dir.resolve(".config.12345.tmp"), "half");
        Path unrelated = Files.writeString(dir.resolve(".other.1.tmp"), "keep");
        AtomicFile.update(KubeconfigFile.userPath(file), t -> t + "b\n");
        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }

    @Test
    void aPlaceThatRefusesNewFilesIsCaughtBeforeAnythingRuns() {
        assertThatThrownBy(() -> AtomicFile.checkWritable(KubeconfigFile.userPath(Path.of("/proc/kubeconfig"))))
                .hasMessage("cannot write /proc/kubeconfig: /proc does not accept new files; choose another path");
        assertThatThrownBy(() -> AtomicFile.checkWritable(KubeconfigFile.userPath(dir)))
                .hasMessage("kubeconfig " + dir + " is a directory, not a regular file: name a regular file, or a path that does not exist yet; eksfleet left it untouched");
    }

    @ParameterizedTest
    @EnumSource(HostFiles.Node.class)
    void aNodeThatIsNotARegularFileIsNeitherReadNorReplaced(HostFiles.Node node) throws Exception {
        Path path = HostFiles.make(node, dir, "config");
        int type = HostFiles.type(path);
        UserPath file = KubeconfigFile.userPath(path);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> AtomicFile.checkWritable(file)).isInstanceOf(PathRefusedException.class);
            assertThatThrownBy(() -> AtomicFile.update(file, text -> "apiVersion: v1\n")).isInstanceOf(PathRefusedException.class);
        });
        assertThat(HostFiles.type(path)).isEqualTo(type);
        assertThat(dir.resolve("config.lock")).doesNotExist();
    }

    @Test
    void aDeviceThatAppearsBetweenTheCheckAndTheRenameIsNotReplaced() throws Exception {
        Path path = dir.resolve("config");
        UserPath file = KubeconfigFile.userPath(path);
        AtomicFile.checkWritable(file);
        assertThatThrownBy(() -> AtomicFile.update(file, text -> {
            try {
                HostFiles.make(HostFiles.Node.FIFO, dir, "config");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return "apiVersion: v1\n";
        })).isInstanceOf(PathRefusedException.class).hasMessageContaining("is a FIFO (named pipe), not a regular file");
        assertThat(HostFiles.type(path)).isEqualTo(HostFiles.type(dir.resolve("config")));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
