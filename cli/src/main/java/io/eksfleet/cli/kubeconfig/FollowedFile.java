package io.eksfleet.cli.kubeconfig;

import io.eksfleet.host.PathRefusedException;
import io.eksfleet.host.UserPath;
import io.eksfleet.output.FileStamp;
import io.eksfleet.output.OutputWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The kubeconfig a following sync keeps: whether another program changed it since the sync's last write, how often
 * the sync may merge its entries in again after such changes, and which failures it has already reported.
 */
final class FollowedFile {

    /** Merges after another writer's change that changed the file again, at most this many in {@link #WINDOW}. */
    static final int MAX_MERGES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Path path;
    private final Clock clock;
    private final Deque<Instant> merges = new ArrayDeque<>();
    private FileStamp left;
    private boolean limited;
    private String failure;

    FollowedFile(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    /** What a write of the file left; a write that failed leaves the last stamp. */
    void written(OutputWriter.Written written) {
        if (written.kubeconfigStamp() != null) {
            left = written.kubeconfigStamp();
        }
    }

    /**
     * Whether the file is not as the sync's last write left it: another program wrote it (or removed it, or put
     * something else there).
     */
    boolean changedByAnother() {
        if (left == null) {
            return false;
        }
        try {
            return !left.equals(FileStamp.of(UserPath.of(UserPath.Kind.KUBECONFIG, path).target()));
        } catch (PathRefusedException e) {
            return true;
        }
    }

    /**
     * Whether the sync may merge again after another program's change. Two writers that keep undoing each other
     * (two syncs of one file with different templates) would rewrite it every second: past {@link #MAX_MERGES} merges
     * that changed the file in a minute, the next waits; {@code notice} is the line that says so, once.
     */
    boolean mayMergeAgain(java.util.function.Consumer<String> notice) {
        Instant now = clock.instant();
        while (!merges.isEmpty() && merges.peekFirst().isBefore(now.minus(WINDOW))) {
            merges.removeFirst();
        }
        if (merges.size() < MAX_MERGES) {
            limited = false;
            return true;
        }
        if (!limited) {
            limited = true;
            notice.accept(path + " keeps being rewritten by another program (another kubeconfig sync with other settings?):"
                    + " its entries are merged in again at most " + MAX_MERGES + " times a minute");
        }
        return false;
    }

    /** A merge after another program's change that changed the file. */
    void merged() {
        merges.addLast(clock.instant());
    }

    /**
     * The lines to print for a write that failed with {@code lines}: none when the last failure said the same, so a
     * file that stays unwritable is reported once, not every second.
     */
    List<String> failed(List<String> lines) {
        String now = String.join("\n", lines);
        boolean repeated = now.equals(failure);
        failure = now;
        return repeated ? List.of() : lines;
    }

    /** After a failure, the line that says the file is written again. */
    Optional<String> recovered() {
        if (failure == null) {
            return Optional.empty();
        }
        failure = null;
        return Optional.of(path + " is written again");
    }
}
