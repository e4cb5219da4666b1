package io.eksfleet.cli.options;

import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import io.eksfleet.scan.Partition;

/** {@code --regions}: an explicit list, each account's enabled regions, or all of them. */
public final class RegionsOption {

    /** Explicit regions, or none and the mode ({@code enabled}, {@code all}) that decides them per account. */
    public record Choice(List<String> regions, String mode) {
    }

    @Option(names = "--regions", defaultValue = "enabled", paramLabel = "r1,r2|enabled|all", completionCandidates = Candidates.RegionChoices.class,
            description = "Regions to scan: a list, each account's enabled regions, or all. Default: ${DEFAULT-VALUE}.")
    String regions;

    public Choice choice(CommandSpec spec) {
        if (regions.equals("enabled") || regions.equals("all")) {
            return new Choice(List.of(), regions);
        }
        List<String> list = Stream.of(regions.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--regions names no region: write e.g. us-east-1,eu-west-1, or enabled, or all");
        }
        list.forEach(r -> check(spec, r, "--regions"));
        return new Choice(list, null);
    }

    /** A region the SDK knows, of a partition eksfleet scans ({@code aws}, {@code aws-us-gov}, {@code aws-cn}). */
    static void check(CommandSpec spec, String region, String option) {
        if (region.startsWith("us-iso") || region.startsWith("eu-isoe") || region.startsWith("us-isof")) {
            throw new ParameterException(spec.commandLine(), option + ": '" + region + "' is in an isolated partition (aws-iso*), "
                    + "which has no public endpoints; eksfleet scans " + Partition.ids());
        }
        if (Partition.ofRegion(region).isEmpty() || region.startsWith("aws-")) {
            throw new ParameterException(spec.commandLine(), option + ": '" + region + "' is not an AWS region (write e.g. us-east-1,eu-west-1"
                    + (option.equals("--regions") ? ", or enabled, or all)" : ")"));
        }
    }
}
