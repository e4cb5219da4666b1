package io.eksfleet.cli.options;

import io.eksfleet.output.OutputWriter;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.output.ContextTemplate;
import io.eksfleet.output.ProfileTemplate;
import io.eksfleet.host.UserPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where and how a command writes the kubeconfig and the AWS profiles its entries name: the same for scan and kubeconfig sync. */
public final class OutputOptions {

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "Kubeconfig to update (default: the first path of $KUBECONFIG, else ~/.kube/config): a regular file of up to 64 MiB, or a new one.")
    public Path kubeconfig;

    @Option(names = "--aws-config", paramLabel = "PATH", description = {"AWS config to add profiles to (default: $AWS_CONFIG_FILE, else ~/.aws/config): a regular file of up to 16 MiB, or a new one.",
        "The login (--sso-session, --profile) is read from $AWS_CONFIG_FILE, else ~/.aws/config, as the AWS CLI reads it, and then from this file,",
        "so --aws-config ./profiles puts the profiles in a file of their own."})
    public Path awsConfig;

    @Option(names = "--context-template", defaultValue = ContextTemplate.DEFAULT, paramLabel = "T",
            description = "Context names: {accountName}, {accountId}, {region}, {cluster}, {role}. Default: ${DEFAULT-VALUE}.")
    String contextTemplate;

    @Option(names = "--profile-template", defaultValue = ProfileTemplate.DEFAULT, paramLabel = "T",
            description = "Names of the AWS profiles written for each account and role: {accountName}, {accountId}, {role}. Default: ${DEFAULT-VALUE}.")
    String profileTemplate;

    @Option(names = "--current-context", paramLabel = "NAME", description = "Set current-context (otherwise it is left as it was).")
    String currentContext;

    @Option(names = "--dry-run", description = "Print the merged kubeconfig on stdout, and everything else on stderr; write no file.")
    public boolean dryRun;

    @Option(names = "--prune", description = "Remove kubeconfig entries eksfleet wrote for clusters that no longer exist.")
    boolean prune;

    @Option(names = "--allow-loopback-endpoints", description = {"Also write entries for clusters whose endpoint is a loopback address",
        "(https://127.0.0.1:PORT/..., a local simulator); otherwise only EKS API endpoints of the cluster's own region are written."})
    public boolean allowLoopbackEndpoints;

    @Option(names = "--only-accessible", description = {"Leave out clusters the role cannot authenticate to: an API-mode cluster where",
        "the role has no EKS access entry (access 'no'). Clusters whose access is unknown are kept. With --prune, eksfleet's",
        "earlier entries for such clusters are removed."})
    public boolean onlyAccessible;

    Path kubeconfigPath() {
        return UserFiles.namedKubeconfig(kubeconfig).path();
    }

    public Path awsConfigPath() {
        return UserFiles.namedAwsConfig(awsConfig).path();
    }

    /** Where the login is read: the AWS CLI's config, then this command's {@code --aws-config}. */
    public LoginConfig loginConfig() {
        return LoginConfig.of(awsConfig);
    }

    /**
     * Checks what the files are before anything else happens (an AWS call, Kafka, reading the AWS config for the
     * login): the kubeconfig, every other path of {@code $KUBECONFIG} that kubectl reads, and the AWS config must
     * each be a regular file, a symlink to one, or not exist yet. Fails with a one-line reason naming the option.
     */
    public void checkPaths() {
        List<UserPath> paths = new ArrayList<>();
        paths.add(UserFiles.namedKubeconfig(kubeconfig));
        if (kubeconfig == null) {
            paths.addAll(UserFiles.kubeconfigList());
        }
        paths.add(UserFiles.namedAwsConfig(awsConfig));
        paths.forEach(UserPath::check);
    }

    /** The settings, with the templates checked. */
    public OutputWriter.Settings settings(CommandSpec spec) {
        try {
            return new OutputWriter.Settings(kubeconfigPath(), awsConfigPath(), new ContextTemplate(contextTemplate),
                    new ProfileTemplate(profileTemplate), dryRun, prune, currentContext, allowLoopbackEndpoints, onlyAccessible);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
