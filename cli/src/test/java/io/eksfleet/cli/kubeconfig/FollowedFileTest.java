package io.eksfleet.cli.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.HostFiles;
import io.eksfleet.output.FileStamp;
import io.eksfleet.output.OutputWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a following sync notices of its kubeconfig, how often it merges again, and what it says of failures. */
class FollowedFileTest {

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static OutputWriter.Written written(Path file) {
        return new OutputWriter.Written(file.toString(), "", 0, 0, 0, List.of(), List.of(), List.of(), 0, List.of(), false, null,
                List.of(), false, false, List.of(), 0, List.of(), FileStamp.of(file));
    }

    @Test
    void aChangeByAnotherWriterARemovalAndAFifoInItsPlaceAreNoticedAndItsOwnWriteIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("config"));
        FollowedFile followed = new FollowedFile(link, clock);
        assertThat(followed.changedByAnother()).as("nothing written yet").isFalse();

        followed.written(written(file));
        assertThat(followed.changedByAnother()).isFalse();
        Files.writeString(file, "apiVersion: v1\nkind: Config\n");
        assertThat(followed.changedByAnother()).isTrue();

        followed.written(written(file));
        Files.delete(file);
        assertThat(followed.changedByAnother()).isTrue();
        HostFiles.make(HostFiles.Node.FIFO, dir, "config");
        assertThat(followed.changedByAnother()).isTrue();
    }

    @Test
    void twoWritersUndoingEachOtherAreHeldToTenMergesAMinuteAndSaidSoOnce() {
        FollowedFile followed = new FollowedFile(dir.resolve("config"), clock);
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < FollowedFile.MAX_MERGES; i++) {
            assertThat(followed.mayMergeAgain(notices::add)).isTrue();
            followed.merged();
            now = now.plusSeconds(1);
        }
        assertThat(followed.mayMergeAgain(notices::add)).isFalse();
        assertThat(followed.mayMergeAgain(notices::add)).isFalse();
        assertThat(notices).singleElement().asString().contains("keeps being rewritten by another program");

        now = now.plus(FollowedFile.WINDOW);
        assertThat(followed.mayMergeAgain(notices::add)).isTrue();
        assertThat(notices).hasSize(1);
    }

    @Test
    void aFailureThatStaysIsSaidOnceAndTheRecoveryOnce() {
        FollowedFile followed = new FollowedFile(dir.resolve("config"), clock);
        assertThat(followed.recovered()).isEmpty();
        List<String> reason = List.of(dir.resolve("config") + " is a directory, not a regular file");
        assertThat(followed.failed(reason)).isEqualTo(reason);
        assertThat(followed.failed(reason)).isEmpty();
        List<String> other = List.of("the disk is full");
        assertThat(followed.failed(other)).isEqualTo(other);
        assertThat(followed.recovered()).hasValueSatisfying(line -> assertThat(line).endsWith("is written again"));
        assertThat(followed.recovered()).isEmpty();
        assertThat(followed.failed(reason)).isEqualTo(reason);
    }
}
