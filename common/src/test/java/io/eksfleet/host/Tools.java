package io.eksfleet.host;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The outside tools tests run (kubectl, the AWS CLI, util-linux {@code script}, promtool, Node.js), found on
 * PATH, and what else a test needs of the machine (root). Where one is missing the test is skipped with the
 * reason; under {@code CI=true} it fails instead: {@code .ci/run} installs every tool, so a skip there would
 * hide a broken install step behind a green build.
 */
public final class Tools {

    private Tools() {
    }

    /** The tool's path; skips (or on CI fails) the test when {@code tool} is not on PATH. */
    public static Path require(String tool, String why) {
        Optional<Path> found = find(tool);
        requireThat(found.isPresent(), missing(tool, why));
        return found.orElseThrow();
    }

    /**
     * The tool's path, or empty for a test that still proves the rest without it; on CI a missing tool fails
     * the test, since the part it would drop is part of what CI proves.
     */
    public static Optional<Path> optional(String tool, String why) {
        Optional<Path> found = find(tool);
        if (found.isEmpty() && onCi()) {
            fail(missing(tool, why) + ", and CI=true runs every check");
        }
        return found;
    }

    /** Skips the test with {@code reason} unless {@code met}; on CI fails it. */
    public static void requireThat(boolean met, String reason) {
        if (!met && onCi()) {
            fail(reason + ", and CI=true runs every test");
        }
        assumeTrue(met, reason);
    }

    /** The first executable named {@code tool} on PATH. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    private static String missing(String tool, String why) {
        return tool + " is not installed (" + why + ")";
    }

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }
}
