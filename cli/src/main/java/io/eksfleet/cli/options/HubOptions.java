package io.eksfleet.cli.options;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.HubSource;
import java.util.List;
import java.util.Set;
import io.eksfleet.scan.Partition;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Hub mode's options: the role to assume in every account, with which external id, and where STS answers. */
public final class HubOptions {

    @Option(names = "--assume-role", split = ",", paramLabel = "NAME",
            description = {"Hub mode: assume arn:aws:iam::{account}:role/NAME in every account from the workers' own identity",
                "(environment, web identity, instance profile). Several names (A,B): each role gets kubeconfig entries of its",
                "own; the first lists and describes the clusters, the others are assumed once per account to prove them."})
    public List<String> assumeRole;

    @Option(names = "--external-id", paramLabel = "X", description = "Hub mode: the external id the roles' trust policies require.")
    String externalId;

    /** Where hub mode calls STS and DescribeRegions unless told otherwise. */
    public static final String DEFAULT_REGION = Partition.AWS.homeRegion();

    @Option(names = "--partition", paramLabel = "P", completionCandidates = PartitionIds.class,
            description = {"Hub mode: the partition to scan, aws, aws-us-gov or aws-cn (its ARNs, endpoints and regions).",
                "Default: the partition of --hub-region, else of --regions, else aws. An SSO login's partition is its SSO region's."})
    String partition;

    @Option(names = "--hub-region", paramLabel = "R",
            description = "Hub mode: where STS and DescribeRegions are called. Default: the partition's home region (us-east-1, us-gov-west-1, cn-northwest-1).")
    String hubRegion;

    /** The partitions, for completion. */
    static final class PartitionIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Partition.values()).map(Partition::id).iterator();
        }
    }

    /** Hub mode's way to the accounts from {@code hub}: the first role, and the others besides. */
    public Access access(HubSource hub) {
        return Access.viaHub(hub, assumeRole.get(0)).withRoles(assumeRole.get(0), assumeRole.subList(1, assumeRole.size()));
    }

    /** The hub to assume roles from, checked; null without {@code --assume-role}. */
    public HubSource hub(CommandSpec spec) {
        return hub(spec, List.of());
    }

    /**
     * The same, for a scan of {@code regions}: without {@code --partition} and {@code --hub-region}, the partition is the
     * regions' (a scan covers one partition, which the command checks).
     */
    public HubSource hub(CommandSpec spec, List<String> regions) {
        if (assumeRole == null) {
            if (externalId != null) {
                throw new ParameterException(spec.commandLine(), "--external-id goes with --assume-role");
            }
            if (partition != null) {
                throw new ParameterException(spec.commandLine(), "--partition goes with --assume-role: an SSO login's partition is its SSO region's");
            }
            return null;
        }
        for (String role : assumeRole) {
            if (!role.matches("[\\w+=.@/-]{1,64}")) {
                throw new ParameterException(spec.commandLine(), "--assume-role: '" + role + "' is not an IAM role name");
            }
        }
        if (Set.copyOf(assumeRole).size() != assumeRole.size()) {
            throw new ParameterException(spec.commandLine(), "--assume-role names a role twice: " + String.join(",", assumeRole));
        }
        Partition chosen = partition == null ? null : Partition.named(partition).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--partition: '" + partition + "' is not a partition eksfleet scans (" + Partition.ids() + ")"));
        Partition ofRegions = regions.stream().map(Partition::ofRegion).flatMap(java.util.Optional::stream).findFirst().orElse(Partition.AWS);
        String region = hubRegion != null ? hubRegion : (chosen != null ? chosen : ofRegions).homeRegion();
        RegionsOption.check(spec, region, "--hub-region");
        if (chosen != null && Partition.ofRegion(region).orElseThrow() != chosen) {
            throw new ParameterException(spec.commandLine(), "--hub-region " + region + " is not in the " + chosen + " partition (--partition): "
                    + "leave it out for " + chosen.homeRegion());
        }
        return new HubSource(externalId, region);
    }
}
