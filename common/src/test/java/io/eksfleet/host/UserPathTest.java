package io.eksfleet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UserPathTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(HostFiles.Node.class)
    void whatIsNotARegularFileIsRefusedInOneLineAndNeitherReadNorChanged(HostFiles.Node node) throws Exception {
        Path path = HostFiles.make(node, dir, "config");
        int type = HostFiles.type(path);
        UserPath named = UserPath.named("--kubeconfig", UserPath.Kind.KUBECONFIG, path);

        // A FIFO opened for reading would block until a writer comes: the read must be refused before it opens.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(named::read)
                .isInstanceOf(PathRefusedException.class)
                .hasMessageStartingWith("--kubeconfig " + path + " is ")
                .hasMessageNotContaining("\n"));
        assertThatThrownBy(named::check).hasMessage(expected(node, path));
        assertThat(HostFiles.type(path)).isEqualTo(type);
    }

    private static String expected(HostFiles.Node node, Path path) {
        String what = switch (node) {
            case CHARACTER_DEVICE -> "a character device";
            case FIFO -> "a FIFO (named pipe)";
            case SOCKET -> "a socket";
            case DIRECTORY -> "a directory";
            case SYMLINK_LOOP -> null;
        };
        return what == null ? "--kubeconfig " + path + " is a loop of symbolic links: point it at a regular file"
                : "--kubeconfig " + path + " is " + what + ", not a regular file: name a regular file, or a path that does not exist yet;"
                + " eksfleet left it untouched";
    }

    @Test
    void aSymlinkToADeviceIsRefusedAndOneToAFileIsFollowed() throws Exception {
        Path fifo = HostFiles.make(HostFiles.Node.FIFO, dir, "pipe");
        Path toFifo = Files.createSymbolicLink(dir.resolve("config"), fifo.getFileName());
        assertThatThrownBy(() -> UserPath.of(UserPath.Kind.AWS_CONFIG, toFifo).check())
                .hasMessageStartingWith("AWS config " + toFifo + " is a FIFO (named pipe), not a regular file");

        Path file = Files.writeString(dir.resolve("real"), "[default]\n");
        Path toFile = Files.createSymbolicLink(dir.resolve("link"), file.getFileName());
        assertThat(UserPath.of(UserPath.Kind.AWS_CONFIG, toFile).read()).hasValue("[default]\n");
        assertThat(UserPath.of(UserPath.Kind.AWS_CONFIG, toFile).check()).isEqualTo(file.toAbsolutePath());
    }

    /** ~/.kube is a link into a dotfiles repository whose config links on, relative to where it really is. */
    @Test
    void aRelativeLinkInASymlinkedDirectoryLandsWhereTheSystemOpensIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path kube = Files.createDirectories(home.resolve("dotfiles/kube"));
        Path shared = Files.writeString(Files.createDirectories(home.resolve("dotfiles/shared")).resolve("config"), "apiVersion: v1\n");
        Files.writeString(Files.createDirectories(home.resolve("shared")).resolve("config"), "a decoy\n");
        Files.createSymbolicLink(home.resolve(".kube"), Path.of("dotfiles/kube"));
        Files.createSymbolicLink(kube.resolve("config"), Path.of("../shared/config"));
        UserPath config = UserPath.of(UserPath.Kind.KUBECONFIG, home.resolve(".kube/config"));

        assertThat(config.check()).isEqualTo(shared.toRealPath());
        assertThat(config.read()).hasValue(Files.readString(home.resolve(".kube/config")));
        assertThat(UserPath.of(UserPath.Kind.KUBECONFIG, home.resolve(".kube/../shared/config")).check())
                .as("..  after a linked directory is its real parent's").isEqualTo(shared.toRealPath());
    }

    @Test
    void aFileThatDoesNotExistYetPassesAndReadsAsNothing() {
        Path missing = dir.resolve("new/config");
        assertThat(UserPath.of(UserPath.Kind.KUBECONFIG, missing).check()).isEqualTo(missing.toAbsolutePath());
        assertThat(UserPath.of(UserPath.Kind.KUBECONFIG, missing).read()).isEmpty();
    }

    @Test
    void aFileLargerThanItsKindsCeilingIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("config");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(UserPath.Kind.KUBECONFIG.maxBytes() + 1);
        }
        assertThatThrownBy(() -> UserPath.named("--kubeconfig", UserPath.Kind.KUBECONFIG, huge).read())
                .hasMessage("--kubeconfig " + huge + " is larger than 64 MiB, the most eksfleet reads of a kubeconfig: name another file");

        Path token = Files.write(dir.resolve("token.json"), new byte[(int) UserPath.Kind.TOKEN_CACHE.maxBytes() + 1]);
        assertThatThrownBy(() -> UserPath.of(UserPath.Kind.TOKEN_CACHE, token).read())
                .hasMessageContaining("is larger than 1 MiB, the most eksfleet reads of an SSO token cache file");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedRatherThanMangled() throws Exception {
        Path file = Files.write(dir.resolve("config"), new byte[] {'a', (byte) 0xff, 'b'});
        assertThatThrownBy(() -> UserPath.of(UserPath.Kind.KUBECONFIG, file).read())
                .hasMessage("kubeconfig " + file + " is not UTF-8 text: name a kubeconfig in UTF-8");
    }

    @Test
    void aDirectoryOptionTakesADirectoryOrNothingYet() throws Exception {
        assertThat(UserPath.of(UserPath.Kind.TOKEN_CACHE, dir).checkDirectory()).isEqualTo(dir.toAbsolutePath());
        assertThat(UserPath.of(UserPath.Kind.TOKEN_CACHE, dir.resolve("new")).checkDirectory()).isNotNull();
        Path fifo = HostFiles.make(HostFiles.Node.FIFO, dir, "cache");
        assertThatThrownBy(() -> UserPath.named("--sso-cache", UserPath.Kind.TOKEN_CACHE, fifo).checkDirectory())
                .hasMessage("--sso-cache " + fifo + " is a FIFO (named pipe), not a directory: name a directory, or one that does not"
                        + " exist yet; eksfleet left it untouched");
    }

    @Test
    void theLastCheckBeforeARenameRefusesANodeThatAppearedSinceTheFirst() throws Exception {
        Path file = dir.resolve("config");
        UserPath named = UserPath.of(UserPath.Kind.REPORT, file);
        named.check();
        HostFiles.make(HostFiles.Node.FIFO, dir, "config");
        assertThatThrownBy(() -> named.checkReplaceable(file)).isInstanceOf(PathRefusedException.class)
                .hasMessageStartingWith("report " + file + " is a FIFO (named pipe), not a regular file");
    }
}
