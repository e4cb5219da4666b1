package io.eksfleet.cli.options;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Whether eksfleet colours and styles what it prints (the help, the progress bars): never with {@code --no-color}
 * or with {@code NO_COLOR} set (https://no-color.org); otherwise where picocli finds a terminal that shows colour.
 */
public final class Colour {

    public static final String OPTION = "--no-color";

    private Colour() {
    }

    /**
     * Turns colour off for the whole command tree when the run asks for that. Decided from the arguments as given,
     * before they are parsed, because a command's help is printed while they are.
     */
    public static void apply(CommandLine cli, String[] args) {
        if (Arrays.asList(args).contains(OPTION)) {
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        }
    }

    /** Whether the command of {@code spec} may colour what it prints; picocli's own check reads {@code NO_COLOR}. */
    public static boolean enabled(CommandSpec spec) {
        return spec.commandLine().getColorScheme().ansi().enabled();
    }
}
