package io.eksfleet.cli.options;

import io.eksfleet.scan.SsoSource;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The IAM Identity Center login a command works through, named as the AWS CLI names it: the same for scan and accounts. */
public final class SsoLoginOptions {

    @Option(names = "--sso-session", paramLabel = "NAME", description = "The [sso-session NAME] of the AWS config to log in through.")
    String session;

    @Option(names = "--profile", paramLabel = "P", description = {"An SSO profile of the AWS config: its session (or start URL) and,"
            + " unless a role is given, its role. Default: $AWS_DEFAULT_PROFILE, else $AWS_PROFILE, when no other login is given."})
    String profile;

    @Option(names = "--sso-start-url", paramLabel = "URL", description = "The IAM Identity Center start URL (with --sso-region).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "R", description = "The IAM Identity Center region (with --sso-start-url).")
    String region;

    /** Whether any of these options was given on the command line. */
    public boolean given() {
        return session != null || profile != null || startUrl != null || region != null;
    }

    /**
     * The login these options (or the environment's profile) name, or null when they name none: the caller says
     * what to do then.
     */
    public SsoSource resolve(CommandSpec spec, LoginConfig config) {
        profile = SsoLogin.profile(profile, startUrl, region, session);
        return SsoLogin.resolve(spec, startUrl, region, session, profile, config);
    }

    /** The login, or a one-line error saying how to name one. */
    public SsoSource required(CommandSpec spec, LoginConfig config) {
        SsoSource sso = resolve(spec, config);
        if (sso == null) {
            throw new ParameterException(spec.commandLine(),
                    "say how to log in: --sso-session NAME, --profile P (or AWS_PROFILE), or --sso-start-url URL --sso-region R");
        }
        return sso;
    }

    /** The section of the profile in use, once {@link #resolve} has run. */
    public Optional<Map<String, String>> profileSection(LoginConfig config) {
        return profile == null ? Optional.empty() : SsoLogin.profile(profile, config);
    }
}
