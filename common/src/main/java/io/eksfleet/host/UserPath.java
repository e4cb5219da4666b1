package io.eksfleet.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a person names to eksfleet (by an option, an environment variable, or a default such as
 * {@code ~/.kube/config}), checked for what it is before it is read or written. It must be a regular file, a
 * symlink (chain) ending at one, or not exist yet in a directory; a device, a FIFO, a socket or a directory is
 * refused in one line and left untouched, because writing one replaces it (as root, {@code /dev/null} itself),
 * and reading one blocks forever (a FIFO) or never ends ({@code /dev/zero}, {@code /dev/full}). A read takes at
 * most its kind's {@linkplain Kind#maxBytes ceiling}, so no file can exhaust the heap.
 *
 * @param label how the person named it: an option ({@code --kubeconfig}), a variable ({@code $KUBECONFIG}), or the
 *     kind's noun for a default
 */
public record UserPath(String label, Kind kind, Path path) {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final int MAX_LINKS = 40;

    /** What a file is for, with the most eksfleet reads of it. */
    public enum Kind {
        /** Some 25,000 clusters with certificates of real size (1,200 of them take 3 MiB). */
        KUBECONFIG("kubeconfig", "a", 64 * MIB),
        /** Some 100,000 profiles. */
        AWS_CONFIG("AWS config", "an", 16 * MIB),
        /** Far more accounts than an organisation may hold. */
        ACCOUNTS("accounts file", "an", 16 * MIB),
        CONFIG("config file", "a", MIB),
        KAFKA_CONFIG("Kafka client properties file", "a", MIB),
        /** A token file of the AWS CLI holds a few KiB. */
        TOKEN_CACHE("SSO token cache file", "an", MIB),
        /** Read only to compare with the next report; 64 MiB is a scan of far more clusters than the kubeconfig takes. */
        REPORT("report", "a", 64 * MIB),
        /** An eksfleet lock holds one line. */
        LOCK("lock", "a", 4 * KIB);

        private final String noun;
        private final String article;
        private final long maxBytes;

        Kind(String noun, String article, long maxBytes) {
            this.noun = noun;
            this.article = article;
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }

        /** The ceiling as people read it: {@code 64 MiB}. */
        public String ceiling() {
            return maxBytes >= MIB ? maxBytes / MIB + " MiB" : maxBytes / KIB + " KiB";
        }
    }

    /** A file named by an option or a variable. */
    public static UserPath named(String label, Kind kind, Path path) {
        return new UserPath(label, kind, path);
    }

    /** A file whose name came from a default, or from another file. */
    public static UserPath of(Kind kind, Path path) {
        return new UserPath(kind.noun, kind, path);
    }

    /**
     * Where a read or write lands: the file itself, or the end of its chain of symlinks, which may not exist
     * yet (a new file is created there, as kubectl and the AWS CLI do). A loop of links is refused.
     */
    public Path target() {
        Path current = inRealDirectory(path.toAbsolutePath());
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw refused("is a loop of symbolic links: point it at a regular file");
            }
            try {
                current = inRealDirectory(current.resolveSibling(Files.readSymbolicLink(current)));
            } catch (IOException e) {
                throw refused("is a symbolic link that cannot be followed (" + e.getMessage() + ")");
            }
        }
        return current;
    }

    /**
     * The path with its directory as the system resolves it (symlinked directories and {@code ..} after them followed,
     * as kubectl's open would), the last name left as it is, so that a link there is still seen as one.
     */
    private static Path inRealDirectory(Path file) {
        Path name = file.getFileName();
        Path parent = file.getParent();
        if (parent == null || name == null) {
            return file.normalize();
        }
        try {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                return file.toRealPath();
            }
            return parent.toRealPath().resolve(name);
        } catch (IOException e) {
            // A directory that does not exist yet: nothing on the way is a link.
            return file.normalize();
        }
    }

    /**
     * Checks what the file is, reading and writing nothing: a regular file (or a link to one), or nothing yet.
     * Returns the {@linkplain #target() target}, which a write creates when it does not exist (whether its
     * directory takes a new file is the writer's check).
     */
    public Path check() {
        Path target = target();
        Optional<String> type = type(target);
        if (type.isPresent() && !type.get().equals(REGULAR)) {
            throw notRegular(type.get());
        }
        return target;
    }

    /**
     * Checks that the file names a directory (or a link to one), or nothing yet: for an option that names a
     * directory of files, such as the SSO token cache.
     */
    public Path checkDirectory() {
        Path target = target();
        Optional<String> type = type(target);
        if (type.isPresent() && !type.get().equals(DIRECTORY)) {
            throw refused("is " + type.get() + ", not a directory: name a directory, or one that does not exist yet; eksfleet left it untouched");
        }
        return target;
    }

    /**
     * The file's text, after the {@linkplain #check() check}; empty when it does not exist. More than the kind's
     * ceiling, or bytes that are not UTF-8, are refused in one line.
     */
    public Optional<String> read() {
        Path target = check();
        byte[] bytes;
        try {
            if (Files.size(target) > kind.maxBytes) {
                throw tooLarge();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw refused("cannot be read (" + e.getMessage() + "): fix its permissions or name another file");
        }
        // Bounded all the same: the file may grow between the size and the read.
        try (InputStream in = Files.newInputStream(target)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, kind.maxBytes + 1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw refused("cannot be read (" + e.getMessage() + "): fix its permissions or name another file");
        }
        if (bytes.length > kind.maxBytes) {
            throw tooLarge();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw refused("is not UTF-8 text: name " + kind.article + " " + kind.noun + " in UTF-8");
        }
    }

    /**
     * The last check before a file is replaced (renamed over): whatever {@code target} has become since it was
     * checked, only a regular file or nothing is replaced, so a device put there in the meantime is never.
     */
    public void checkReplaceable(Path target) {
        Optional<String> type = typeNoFollow(target);
        if (type.isPresent() && !type.get().equals(REGULAR)) {
            throw notRegular(type.get());
        }
    }

    private static final String REGULAR = "a regular file";
    private static final String DIRECTORY = "a directory";

    private static Optional<String> type(Path path) {
        return mode(path, new LinkOption[0]).map(UserPath::name);
    }

    private static Optional<String> typeNoFollow(Path path) {
        return mode(path, new LinkOption[] {LinkOption.NOFOLLOW_LINKS}).map(UserPath::name);
    }

    /** The file type bits of {@code st_mode}, which tell a character device from a FIFO where {@code isOther} does not. */
    private static Optional<Integer> mode(Path path, LinkOption[] options) {
        try {
            return Optional.of((Integer) Files.getAttribute(path, "unix:mode", options) & 0170000);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            if (!Files.exists(path, options)) {
                return Optional.empty();
            }
            return Optional.of(Files.isRegularFile(path, options) ? 0100000 : Files.isDirectory(path, options) ? 0040000 : 0);
        } catch (IOException e) {
            // A parent that is not a directory (ENOTDIR) holds nothing: whether the file can be created there is the
            // writer's check. Anything else that exists but cannot be examined is not a file eksfleet can use.
            return Files.exists(path, options) ? Optional.of(-1) : Optional.empty();
        }
    }

    private static String name(int type) {
        return switch (type) {
            case 0100000 -> REGULAR;
            case 0040000 -> DIRECTORY;
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0010000 -> "a FIFO (named pipe)";
            case 0140000 -> "a socket";
            case 0120000 -> "a symbolic link";
            case -1 -> "not reachable";
            default -> "not a regular file";
        };
    }

    private PathRefusedException tooLarge() {
        return refused("is larger than " + kind.ceiling() + ", the most eksfleet reads of " + kind.article + " " + kind.noun
                + ": name another file");
    }

    private PathRefusedException notRegular(String type) {
        return refused("is " + type + ", not a regular file: name a regular file, or a path that does not exist yet;"
                + " eksfleet left it untouched");
    }

    private PathRefusedException refused(String what) {
        return new PathRefusedException(label + " " + path + " " + what);
    }
}
