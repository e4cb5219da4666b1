package io.eksfleet.cli.login;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.aws.UserFiles;
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
            "With --sso-session the token is cached under the session name and the [sso-session] section is added to the AWS config."})
public final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sso-start-url", required = true, paramLabel = "URL", description = "The start URL, e.g. https://d-1234567890.awsapps.com/start.")
    String startUrl;

    @Option(names = "--sso-region", required = true, paramLabel = "R", description = "The IAM Identity Center region.")
    String region;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Session name (recommended); without it the token is cached under the start URL.")
    String session;

    @Option(names = "--aws-config", paramLabel = "PATH", description = "AWS config to add the [sso-session] to (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    Path awsConfig;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "Token cache directory (default: ~/.aws/sso/cache).")
    Path ssoCache;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "SSO OIDC endpoint, e.g. a simulator (default: AWS, or AWS_ENDPOINT_URL_SSO_OIDC).")
    URI endpoint;

    @Override
    public Integer call() throws Exception {
        SsoSource sso = new SsoSource(startUrl, region, session);
        SsoTokenCache cache = new SsoTokenCache(ssoCache != null ? ssoCache : UserFiles.ssoCache(), Clock.systemUTC());
        PrintWriter err = spec.commandLine().getErr();
        try (AwsClients clients = new AwsClients(endpoint, 4, java.time.Duration.ofSeconds(30))) {
            Path file = new DeviceLogin(clients.oidc(region), cache, Clock.systemUTC(), err).login(sso);
            err.printf("Logged in; token cached in %s%n", file);
        }
        if (session != null) {
            Path config = awsConfig != null ? awsConfig : UserFiles.awsConfig();
            AwsConfigFile.update(config, file -> file.upsert("sso-session " + session, AwsConfigFile.ssoSession(startUrl, region)));
        }
        err.flush();
        return 0;
    }
}
