package io.eksfleet.cli.login;

import io.eksfleet.cli.options.LoginConfig;
import io.eksfleet.cli.options.SsoLogin;
import picocli.CommandLine.ParameterException;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.aws.UserFiles;
import io.eksfleet.host.UserPath;
import io.eksfleet.output.AwsConfigFile;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.SsoTokenCache;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet login}: the IAM Identity Center device login, writing the token cache file where and as
 * the AWS CLI does, so {@code aws} and eksfleet share one login.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Logs in to IAM Identity Center with the device flow and caches the token as the AWS CLI does.",
            "Like aws sso login, it takes the start URL and region from an [sso-session] or profile of the AWS config;",
            "--sso-start-url and --sso-region with --sso-session create or update that session."})
public final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sso-session", paramLabel = "NAME", description = {"The [sso-session NAME] of the AWS config to log in through; with",
        "--sso-start-url and --sso-region, the session to create or update. The token is cached under the session name."})
    String session;

    @Option(names = "--profile", paramLabel = "P", description = {"Log in through the session (or start URL) of this SSO profile.",
        "Default: $AWS_DEFAULT_PROFILE, else $AWS_PROFILE, when no other login is given."})
    String profile;

    @Option(names = "--sso-start-url", paramLabel = "URL", description = "The start URL, e.g. https://d-1234567890.awsapps.com/start (with --sso-region).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "R", description = "The IAM Identity Center region (with --sso-start-url).")
    String region;

    @Option(names = "--aws-config", paramLabel = "PATH", description = {"AWS config to add the [sso-session] to (default: $AWS_CONFIG_FILE, else ~/.aws/config).",
        "The login is read from $AWS_CONFIG_FILE, else ~/.aws/config, then from this file."})
    Path awsConfig;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "Token cache directory (default: ~/.aws/sso/cache).")
    Path ssoCache;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "SSO OIDC endpoint, e.g. a simulator (default: AWS, or AWS_ENDPOINT_URL_SSO_OIDC).")
    URI endpoint;

    @Override
    public Integer call() throws Exception {
        UserPath named = UserFiles.namedAwsConfig(awsConfig);
        named.check();
        Path config = named.path();
        SsoSource sso = SsoLogin.resolve(spec, startUrl, region, session, SsoLogin.profile(profile, startUrl, region, session),
                LoginConfig.of(awsConfig));
        if (sso == null) {
            throw new ParameterException(spec.commandLine(), "say which login: --sso-session NAME or --profile P from your AWS config, "
                    + "or --sso-start-url URL --sso-region R (with --sso-session NAME to save it as a session)");
        }
        SsoTokenCache cache = new SsoTokenCache(UserFiles.ssoCache(ssoCache), Clock.systemUTC());
        cache.check(sso);
        PrintWriter err = spec.commandLine().getErr();
        try (AwsClients clients = new AwsClients(endpoint, 4, java.time.Duration.ofSeconds(30))) {
            Path file = new DeviceLogin(clients.oidc(sso.region()), cache, Clock.systemUTC(), err).login(sso);
            err.printf("Logged in; token cached in %s%n", file);
        }
        // A session given with its start URL is created or updated; one read from the config is left as it is.
        if (session != null && startUrl != null) {
            AwsConfigFile.update(config, file -> file.upsert("sso-session " + session, AwsConfigFile.ssoSession(startUrl, region)));
        }
        err.flush();
        return 0;
    }
}
