package io.eksfleet.cli.options;

import picocli.CommandLine.Option;

/** {@code --output text|json}, the same for every command that prints a result; picocli refuses other values. */
public final class FormatOption {

    /** How a result is printed. */
    public enum Format { text, json }

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json",
            description = "The result as text for people or as JSON for programs. Default: ${DEFAULT-VALUE}.")
    Format format;

    public boolean json() {
        return format == Format.json;
    }
}
