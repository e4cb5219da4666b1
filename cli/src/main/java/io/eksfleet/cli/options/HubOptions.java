package io.eksfleet.cli.options;

import io.eksfleet.scan.HubSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Hub mode's options: the role to assume in every account, with which external id, and where STS answers. */
public final class HubOptions {

    @Option(names = "--assume-role", paramLabel = "NAME",
            description = {"Hub mode: assume arn:aws:iam::{account}:role/NAME in every account from the workers' own identity",
                "(environment, web identity, instance profile)."})
    public String assumeRole;

    @Option(names = "--external-id", paramLabel = "X", description = "Hub mode: the external id the roles' trust policies require.")
    String externalId;

    /** Where hub mode calls STS and DescribeRegions unless told otherwise. */
    public static final String DEFAULT_REGION = "us-east-1";

    @Option(names = "--hub-region", defaultValue = DEFAULT_REGION, paramLabel = "R",
            description = "Hub mode: where STS and DescribeRegions are called. Default: ${DEFAULT-VALUE}.")
    String hubRegion;

    /** The hub to assume roles from, checked; null without {@code --assume-role}. */
    public HubSource hub(CommandSpec spec) {
        if (assumeRole == null) {
            if (externalId != null) {
                throw new ParameterException(spec.commandLine(), "--external-id goes with --assume-role");
            }
            return null;
        }
        if (!assumeRole.matches("[\\w+=,.@/-]{1,64}")) {
            throw new ParameterException(spec.commandLine(), "--assume-role: '" + assumeRole + "' is not an IAM role name");
        }
        RegionsOption.check(spec, hubRegion, "--hub-region");
        return new HubSource(externalId, hubRegion);
    }
}
