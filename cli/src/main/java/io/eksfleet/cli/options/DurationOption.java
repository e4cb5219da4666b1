package io.eksfleet.cli.options;

import io.eksfleet.time.Durations;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Duration options ({@code 90s}, {@code 5m}) of the commands, with the option's name in the error. */
public final class DurationOption {

    private DurationOption() {
    }

    /** A duration that must be longer than zero: a zero timeout would end the work before it starts. */
    public static Duration positive(CommandSpec spec, String text, String option) {
        Duration d = parse(spec, text, option);
        if (d.isZero() || d.isNegative()) {
            throw new ParameterException(spec.commandLine(), option + " must be longer than 0 (e.g. 30s, 5m)");
        }
        return d;
    }

    public static Duration parse(CommandSpec spec, String text, String option) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
