package io.eksfleet.cli;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.host.PathRefusedException;
import io.eksfleet.host.UserPath;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config file: {@code $EKSFLEET_CONFIG}, else {@code ~/.eksfleet.properties}. Its keys are option names
 * without the dashes ({@code max-in-flight=32}), or prefixed with the command ({@code eksfleet.scan.max-in-flight});
 * a command-line option beats the file, the file beats the preset. A key no command has is refused by name, as
 * a typo would otherwise be ignored without a word.
 */
final class ConfigFile {

    static final String VARIABLE = "EKSFLEET_CONFIG";

    private ConfigFile() {
    }

    static Optional<Path> find() {
        String explicit = System.getenv(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        Path file = UserFiles.home().resolve(".eksfleet.properties");
        // A device or FIFO there is refused by name rather than passed over without a word.
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The file's keys: a regular file (or a link to one) of up to {@link UserPath.Kind#CONFIG 1 MiB}, read once;
     * anything else is refused in one line ({@link PathRefusedException}), never opened for reading if it is a FIFO.
     */
    static Properties load(Path file) {
        UserPath named = System.getenv(VARIABLE) != null && !System.getenv(VARIABLE).isBlank()
                ? UserPath.named(VARIABLE, UserPath.Kind.CONFIG, file) : UserPath.of(UserPath.Kind.CONFIG, file);
        String text = named.read().orElseThrow(() -> new PathRefusedException(VARIABLE + " names " + file
                + ", which is not a readable file: fix the path or unset " + VARIABLE));
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new PathRefusedException("cannot read " + file + ": " + e.getMessage());
        }
        return properties;
    }

    /** The file's keys when it passes {@link #problem}'s first check; empty otherwise (the problem is reported then). */
    static Optional<Properties> properties(Path file) {
        try {
            return Optional.of(load(file));
        } catch (PathRefusedException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with {@code file} for the commands of {@code tree}, in one line; null when nothing is. */
    static String problem(Path file, CommandLine tree) {
        Properties properties;
        try {
            properties = load(file);
        } catch (PathRefusedException e) {
            return e.getMessage();
        }
        Set<String> known = new HashSet<>();
        collect(tree, known);
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            if (!known.contains(key)) {
                String nearest = known.stream().filter(k -> !k.contains("."))
                        .min(Comparator.comparingInt(k -> distance(k, key))).orElse("");
                return file + ": unknown key '" + key + "'" + (distance(nearest, key) <= 3 ? " (did you mean " + nearest + "?)" : "")
                        + "; keys are option names without the dashes, e.g. max-in-flight=32";
            }
        }
        return null;
    }

    private static void collect(CommandLine command, Set<String> known) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            String name = option.longestName().replaceFirst("^-+", "");
            known.add(name);
            known.add(command.getCommandSpec().qualifiedName(".") + "." + name);
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, known));
    }

    /** Edits (insert, delete, replace) from {@code a} to {@code b}. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
