package io.eksfleet.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * Replaces a file so that no reader ever sees half of it and no two writers interleave: a lock file beside
 * it ({@code <file>.lock}, created exclusively, the protocol kubectl's client-go uses), a temporary file
 * in the same directory, then an atomic rename. A new file gets mode 0600; an existing one keeps its mode.
 */
public final class AtomicFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private AtomicFile() {
    }

    public static void write(Path file, String content) throws IOException {
        write(file, content, LOCK_WAIT);
    }

    static void write(Path file, String content, Duration lockWait) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path lock = target.resolveSibling(target.getFileName() + ".lock");
        acquire(lock, lockWait);
        try {
            Set<PosixFilePermission> mode = Files.exists(target) ? Files.getPosixFilePermissions(target) : OWNER_ONLY;
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(temp, content);
                Files.setPosixFilePermissions(temp, mode);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    /**
     * Fails with a one-line reason when the file could not be written: the directory cannot be created or
     * written, or the file exists and is not writable. Checked before a scan, so a scan never ends unable
     * to save what it found.
     */
    public static void checkWritable(Path file) throws OutputException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new OutputException(file + " is a directory, not a file");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new OutputException(file + " is not writable");
        }
        Path dir = target.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new OutputException("cannot create " + file + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new OutputException("cannot create " + file + ": " + dir + " is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new OutputException("cannot create " + file + ": " + dir + " is not writable");
        }
    }

    private static void acquire(Path lock, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                Files.createFile(lock);
                return;
            } catch (FileAlreadyExistsException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(lock + " exists: another kubectl or eksfleet is writing; delete it if none is");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + lock);
                }
            } catch (AccessDeniedException e) {
                throw new IOException("cannot create " + lock + ": permission denied");
            }
        }
    }
}
