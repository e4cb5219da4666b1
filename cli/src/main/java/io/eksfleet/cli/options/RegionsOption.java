package io.eksfleet.cli.options;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.regions.Region;

/** {@code --regions}: an explicit list, each account's enabled regions, or all of them. */
public final class RegionsOption {

    /** Explicit regions, or none and the mode ({@code enabled}, {@code all}) that decides them per account. */
    public record Choice(List<String> regions, String mode) {
    }

    @Option(names = "--regions", defaultValue = "enabled", paramLabel = "r1,r2|enabled|all",
            description = "Regions to scan: a list, each account's enabled regions, or all. Default: ${DEFAULT-VALUE}.")
    String regions;

    public Choice choice(CommandSpec spec) {
        if (regions.equals("enabled") || regions.equals("all")) {
            return new Choice(List.of(), regions);
        }
        List<String> list = List.of(regions.split(","));
        list.forEach(r -> check(spec, r, "--regions"));
        return new Choice(list, null);
    }

    /** A commercial-partition region the SDK knows. */
    static void check(CommandSpec spec, String region, String option) {
        if (!Region.regions().contains(Region.of(region)) || region.contains("gov") || region.startsWith("cn-")
                || region.startsWith("aws-")) {
            throw new ParameterException(spec.commandLine(), option + ": '" + region + "' is not an AWS region (write e.g. us-east-1,eu-west-1"
                    + (option.equals("--regions") ? ", or enabled, or all)" : ")"));
        }
    }
}
