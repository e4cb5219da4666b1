package io.eksfleet.output;

import io.eksfleet.host.ProcessOwner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The lock protocol kubectl's client-go uses for a kubeconfig: {@code <file>.lock}, created exclusively
 * beside the path as it was given, deleted when the write is done. kubectl leaves the lock empty; eksfleet
 * writes its pid, start time and host into it, so that a lock left behind by a killed eksfleet is recognised
 * as stale and removed, while one with no owner is reported by its age. A lock this process took is removed
 * on every way out: the write done, any failure (also of writing the owner line, on a full disk), and the
 * end of the process by SIGTERM or {@code System.exit} (a shutdown hook).
 */
final class FileLock implements AutoCloseable {

    /** How long a writer waits for another one to finish. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** kubectl holds its lock for milliseconds: an ownerless lock this old was left by a killed process. */
    static final Duration ORPHANED_AFTER = Duration.ofMinutes(1);

    /** Locks taken and not yet released by this process. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FileLock::removeHeldLocks, "eksfleet-lock-release"));
    }

    private final Path lock;

    private FileLock(Path lock) {
        this.lock = lock;
    }

    static Path lockFile(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /** Takes the lock, waiting up to {@code wait} for another writer; a lock whose eksfleet owner died is taken over. */
    static FileLock acquire(Path file, Duration wait) throws IOException {
        Path lock = lockFile(file);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                Files.createFile(lock);
                HELD.add(lock);
                try {
                    Files.writeString(lock, ProcessOwner.current().line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                } catch (IOException | RuntimeException e) {
                    // A full disk takes the (empty) file but not its line: a lock that names no owner must not stay.
                    release(lock);
                    throw e;
                }
                return new FileLock(lock);
            } catch (FileAlreadyExistsException e) {
                if (removeIfOwnerDied(lock).isPresent()) {
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new OutputException(heldMessage(file, lock));
                }
                pause();
            } catch (AccessDeniedException e) {
                throw new OutputException("cannot create " + lock + ": permission denied");
            } catch (NoSuchFileException e) {
                throw new OutputException("cannot create " + lock + ": no such directory");
            }
        }
    }

    /**
     * Before a command starts: removes a lock left by an eksfleet process that is gone (returning a note
     * saying so), and refuses one that names no owner and has stood longer than {@link #ORPHANED_AFTER}.
     */
    static Optional<String> checkNotStale(Path file) {
        Path lock = lockFile(file);
        Optional<String> removed = removeIfOwnerDied(lock);
        if (removed.isPresent()) {
            return removed;
        }
        Optional<Instant> since = modified(lock);
        if (since.isPresent() && owner(lock).isEmpty()
                && since.get().isBefore(Instant.now().minus(ORPHANED_AFTER))) {
            throw new OutputException(lock + " has stood since " + since.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " and names no running process: if no kubectl or eksfleet is writing " + file + ", delete it (rm " + lock + ")");
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        release(lock);
    }

    /** Deletes a lock this process holds, and forgets it. */
    private static void release(Path lock) throws IOException {
        try {
            Files.deleteIfExists(lock);
        } finally {
            HELD.remove(lock);
        }
    }

    /** The locks this process holds now: what the shutdown hook removes. */
    static Set<Path> held() {
        return Set.copyOf(HELD);
    }

    /**
     * On SIGTERM or {@code System.exit} while a write holds a lock, the JVM runs no {@code finally}: this hook
     * removes the locks, so that kubectl and the next scan do not find them. A lock whose line no longer names
     * this process (taken over meanwhile) is left alone.
     */
    private static void removeHeldLocks() {
        ProcessOwner self = ProcessOwner.current();
        for (Path lock : held()) {
            if (ProcessOwner.read(lock).map(self::equals).orElse(true)) {
                try {
                    Files.deleteIfExists(lock);
                } catch (IOException e) {
                    // The process is ending; nothing else can be done about it.
                }
            }
        }
    }

    /**
     * Moves the lock aside before deleting it and checks that what it moved is still the dead owner's, so that
     * two processes clearing the same stale lock never delete the fresh lock one of them just took.
     */
    private static Optional<String> removeIfOwnerDied(Path lock) {
        Optional<ProcessOwner> owner = owner(lock);
        if (owner.isEmpty() || owner.get().alive()) {
            return Optional.empty();
        }
        Path aside = lock.resolveSibling(lock.getFileName() + "." + UUID.randomUUID() + ".stale");
        try {
            Files.move(lock, aside);
            String moved = Files.readString(aside, StandardCharsets.UTF_8);
            if (!ProcessOwner.parse(moved).equals(owner)) {
                Files.move(aside, lock);
                return Optional.empty();
            }
            Files.delete(aside);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of("removed the stale lock " + lock + " left by eksfleet pid " + owner.get().pid() + ", which is no longer running");
    }

    private static String heldMessage(Path file, Path lock) {
        return owner(lock).map(o -> file + " was not written: " + lock + " is held by eksfleet pid " + o.pid()
                        + " (running since " + o.started() + "); wait for it to finish, then run again")
                .orElse(file + " was not written: " + lock + " exists (another kubectl or eksfleet is writing); if none is, delete it");
    }

    private static Optional<Instant> modified(Path lock) {
        try {
            return Optional.of(Files.getLastModifiedTime(lock).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputException("interrupted while waiting for a kubeconfig lock");
        }
    }

    private static Optional<ProcessOwner> owner(Path lock) {
        return ProcessOwner.read(lock);
    }
}
