package io.eksfleet.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import io.eksfleet.host.UserPath;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Changes a user's file so that no reader ever sees half of it and no concurrent writer's change is lost:
 * under the {@link FileLock} kubectl also takes, the file is read, changed and written to a temporary file
 * in the same directory, which is synced and renamed over it. A symlink is written through to its target,
 * as kubectl and the AWS CLI do. A new file gets mode 0600; an existing one keeps its mode. Only a regular
 * file is read or replaced ({@link UserPath}): a device, FIFO, socket or directory is refused, also when it
 * appears between the check and the rename.
 */
public final class AtomicFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFile() {
    }

    /**
     * Reads the file under its lock (null when it does not exist), applies {@code change}, and writes what it
     * returns unless that is the same text. Returns whether the file was written.
     */
    public static boolean update(UserPath file, UnaryOperator<String> change) throws IOException {
        return update(file, change, FileLock.WAIT);
    }

    static boolean update(UserPath file, UnaryOperator<String> change, Duration lockWait) throws IOException {
        return apply(file, change, lockWait).written();
    }

    /**
     * As {@link #update(UserPath, UnaryOperator)}, and returns the file as this update left it, stamped before the
     * lock is let go: whoever watches the file for other writers compares it with that.
     */
    public static FileStamp updateStamped(UserPath file, UnaryOperator<String> change) throws IOException {
        return apply(file, change, FileLock.WAIT).stamp();
    }

    private record Outcome(boolean written, FileStamp stamp) {
    }

    private static Outcome apply(UserPath file, UnaryOperator<String> change, Duration lockWait) throws IOException {
        Path target = file.check();
        Files.createDirectories(target.getParent());
        try (FileLock lock = FileLock.acquire(file.path(), lockWait)) {
            removeLeftovers(target);
            String current = file.read().orElse(null);
            String next = change.apply(current);
            boolean write = next != null && !next.equals(current);
            if (write) {
                replace(file, target, next);
            }
            return new Outcome(write, FileStamp.of(target));
        }
    }

    public static void write(UserPath file, String content) throws IOException {
        update(file, current -> content);
    }

    /** The file's text, read without the lock (for checks and dry runs); empty when there is no file. */
    public static Optional<String> read(UserPath file) {
        return file.read();
    }

    /**
     * Fails with a one-line reason when the file could not be written: not a regular file (a device, a FIFO,
     * a socket, a directory), a read-only file, a directory that refuses new files (checked by creating one, so
     * {@code /proc} and read-only mounts are caught), or a lock left behind by a process that no longer runs. A
     * lock left by a dead eksfleet is removed; the returned note says so.
     */
    public static Optional<String> checkWritable(UserPath file) {
        checkReadable(file);
        Path target = file.target();
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new OutputException(file.path() + " is not writable: fix its permissions or choose another file");
        }
        probe(file.path(), nearestDirectory(target));
        probe(file.path(), nearestDirectory(FileLock.lockFile(file.path())));
        return FileLock.checkNotStale(file.path());
    }

    /** Fails with a one-line reason when the file is not a regular file or cannot be read; a missing one is fine. */
    public static void checkReadable(UserPath file) {
        Path target = file.check();
        if (Files.exists(target) && !Files.isReadable(target)) {
            throw new OutputException(file.path() + " is not readable: fix its permissions or choose another file");
        }
    }

    private static void replace(UserPath file, Path target, String content) throws IOException {
        Set<PosixFilePermission> mode = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                ? Files.getPosixFilePermissions(target) : OWNER_ONLY;
        Path temp = Files.createTempFile(target.getParent(), tempPrefix(target), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, mode);
            // The path may have become a device since the check: a rename would replace it.
            file.checkReplaceable(target);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary files of a writer killed before its rename; only a lock holder writes them, and this one holds it. */
    private static void removeLeftovers(Path target) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(target.getParent(), tempPrefix(target) + "*.tmp")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    private static void probe(Path file, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new OutputException("cannot create " + file + ": " + dir + " is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".eksfleet-probe.", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new OutputException("cannot write " + file + ": " + dir + " does not accept new files; choose another path");
        }
    }

    private static Path nearestDirectory(Path path) {
        Path dir = path.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new OutputException("cannot create " + path + ": no such directory");
        }
        return dir;
    }
}
