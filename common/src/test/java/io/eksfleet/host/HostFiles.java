package io.eksfleet.host;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a hostile or careless person can name instead of a file, made for real in a test's directory: a
 * character device (a copy of {@code /dev/null}, made with {@code mknod}, which needs root), a FIFO, a UNIX
 * socket, a directory, a loop of symlinks; and a full file system (a 64 KiB tmpfs, which needs root too).
 * What needs root is skipped with the reason where it is not permitted, and fails when {@code CI=true}, as CI
 * runs as root.
 */
public final class HostFiles {

    /** The kinds a path may be that eksfleet refuses, each made by {@link #make}. */
    public enum Node { CHARACTER_DEVICE, FIFO, SOCKET, DIRECTORY, SYMLINK_LOOP }

    private HostFiles() {
    }

    /** Makes {@code node} at {@code dir/name}. */
    public static Path make(Node node, Path dir, String name) throws Exception {
        Path path = dir.resolve(name);
        switch (node) {
            case CHARACTER_DEVICE -> {
                // 1,3 is /dev/null's device number: a copy that a test may lose without harm to the machine.
                int code = run("mknod", "-m", "666", path.toString(), "c", "1", "3");
                requireRoot(code == 0, "mknod needs root (CAP_MKNOD)");
            }
            case FIFO -> assertZero(run("mkfifo", path.toString()), "mkfifo");
            case SOCKET -> {
                try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.bind(UnixDomainSocketAddress.of(path));
                }
            }
            case DIRECTORY -> Files.createDirectory(path);
            case SYMLINK_LOOP -> {
                Files.createSymbolicLink(path, Path.of(name + ".other"));
                Files.createSymbolicLink(dir.resolve(name + ".other"), Path.of(name));
            }
        }
        return path;
    }

    /** {@code st_mode}'s file type of {@code path} itself (not followed): to show a node is still what it was. */
    public static int type(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
    }

    /** A 64 KiB tmpfs mounted on a new directory, filled to the last byte after {@code before} has put its files there. */
    public static FullDisk fullDisk(Path parent, Setup before) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("full"));
        int code = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.toString());
        requireRoot(code == 0, "mounting a tmpfs needs root (CAP_SYS_ADMIN)");
        FullDisk disk = new FullDisk(dir);
        try {
            before.accept(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException full) {
                // No space left on device: what the test wants.
            }
            return disk;
        } catch (Exception | Error e) {
            disk.close();
            throw e;
        }
    }

    /** What a test puts on the file system before it is filled. */
    @FunctionalInterface
    public interface Setup {
        void accept(Path dir) throws Exception;
    }

    /** A mounted, full tmpfs; closing unmounts it. */
    public record FullDisk(Path dir) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            assertZero(run("umount", dir.toString()), "umount " + dir);
        }
    }

    private static void requireRoot(boolean permitted, String reason) {
        Tools.requireThat(permitted, reason);
    }

    private static void assertZero(int code, String what) {
        if (code != 0) {
            fail(what + " exited " + code);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 30 s");
        }
        return process.exitValue();
    }
}
