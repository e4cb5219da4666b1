package io.eksfleet.cli.options;

import io.eksfleet.topic.Messages;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Option;

/** {@code --output text|json|yaml}, the same for every command that prints a result; picocli refuses other values. */
public final class FormatOption {

    /** How a result is printed. */
    public enum Format { text, json, yaml }

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json|yaml",
            description = "The result as text for people, or as JSON or YAML (the same data) for programs. Default: ${DEFAULT-VALUE}.")
    Format format;

    /** Whether the result is printed for programs: JSON or YAML. */
    public boolean structured() {
        return format != Format.text;
    }

    /** The JSON document {@code json} as this option asks for it: as it is, or the same data as YAML; with a final line break. */
    public String render(String json) {
        return format == Format.yaml ? yaml(json) : json + "\n";
    }

    /**
     * The same data as YAML, block style as kubectl prints it; strings that YAML would read as another type
     * ({@code "1.30"}, {@code "true"}) are quoted, so a YAML reader gets back what the JSON holds.
     */
    public static String yaml(String json) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(options).dump(Messages.MAPPER.readValue(json, Object.class));
    }
}
