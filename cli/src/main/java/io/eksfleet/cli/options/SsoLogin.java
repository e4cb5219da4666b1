package io.eksfleet.cli.options;

import io.eksfleet.scan.SsoSource;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Which IAM Identity Center login a command means, found the way the AWS CLI finds it: a start URL and region
 * given outright, else an {@code [sso-session NAME]}, else a profile's session or its own start URL, the
 * profile named by {@code --profile} or else by {@code AWS_DEFAULT_PROFILE} or {@code AWS_PROFILE}.
 */
public final class SsoLogin {

    private SsoLogin() {
    }

    /**
     * The profile a command means: {@code --profile}, else, when no other login option is given, the one the
     * environment names as the AWS CLI reads it ({@code AWS_DEFAULT_PROFILE} first); null for none.
     */
    public static String profile(String profile, String startUrl, String region, String session) {
        return profile != null || startUrl != null || region != null || session != null ? profile : environmentProfile();
    }

    private static String environmentProfile() {
        for (String variable : new String[] {"AWS_DEFAULT_PROFILE", "AWS_PROFILE"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** The login these options name, or null when they name none. */
    public static SsoSource resolve(CommandSpec spec, String startUrl, String region, String session, String profile, LoginConfig config) {
        if (startUrl != null || region != null) {
            if (startUrl == null || region == null) {
                throw bad(spec, "--sso-start-url and --sso-region go together");
            }
            return new SsoSource(startUrl, region, session);
        }
        if (session != null) {
            return session(spec, session, config);
        }
        if (profile != null) {
            Map<String, String> p = profile(profile, config).orElseThrow(() -> bad(spec, "no profile '" + profile + "' in " + config
                    + ": check the name, or run aws configure sso"));
            if (p.get("sso_session") != null) {
                return session(spec, p.get("sso_session"), config);
            }
            if (p.get("sso_start_url") != null && p.get("sso_region") != null) {
                return new SsoSource(p.get("sso_start_url"), p.get("sso_region"), null);
            }
            throw bad(spec, "profile '" + profile + "' is not an SSO profile (no sso_session or sso_start_url)");
        }
        return null;
    }

    /** The section of {@code profile} in the login config ({@code [default]} or {@code [profile NAME]}). */
    public static Optional<Map<String, String>> profile(String profile, LoginConfig config) {
        return config.section(profile.equals("default") ? "default" : "profile " + profile);
    }

    private static SsoSource session(CommandSpec spec, String name, LoginConfig config) {
        Map<String, String> s = config.section("sso-session " + name)
                .orElseThrow(() -> bad(spec, "no [sso-session " + name + "] in " + config
                        + ": run aws configure sso-session, or pass --sso-start-url and --sso-region"));
        if (s.get("sso_start_url") == null || s.get("sso_region") == null) {
            throw bad(spec, "[sso-session " + name + "] in " + config + " needs sso_start_url and sso_region");
        }
        return new SsoSource(s.get("sso_start_url"), s.get("sso_region"), name);
    }

    private static ParameterException bad(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
