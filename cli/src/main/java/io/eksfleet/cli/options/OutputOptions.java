package io.eksfleet.cli.options;

import io.eksfleet.output.OutputWriter;

import io.eksfleet.aws.UserFiles;
import io.eksfleet.output.ContextTemplate;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where and how a command writes the kubeconfig and the AWS profiles its entries name: the same for scan and kubeconfig sync. */
public final class OutputOptions {

    @Option(names = "--kubeconfig", paramLabel = "PATH", description = "Kubeconfig to update (default: the first path of $KUBECONFIG, else ~/.kube/config).")
    public Path kubeconfig;

    @Option(names = "--aws-config", paramLabel = "PATH", description = "AWS config to add profiles to (default: $AWS_CONFIG_FILE, else ~/.aws/config).")
    public Path awsConfig;

    @Option(names = "--context-template", defaultValue = ContextTemplate.DEFAULT, paramLabel = "T",
            description = "Context names: {accountName}, {accountId}, {region}, {cluster}, {role}. Default: ${DEFAULT-VALUE}.")
    String contextTemplate;

    @Option(names = "--current-context", paramLabel = "NAME", description = "Set current-context (otherwise it is left as it was).")
    String currentContext;

    @Option(names = "--dry-run", description = "Print the merged kubeconfig; write no file.")
    public boolean dryRun;

    @Option(names = "--prune", description = "Remove kubeconfig entries eksfleet wrote for clusters that no longer exist.")
    boolean prune;

    Path kubeconfigPath() {
        return kubeconfig != null ? kubeconfig : UserFiles.kubeconfig();
    }

    public Path awsConfigPath() {
        return awsConfig != null ? awsConfig : UserFiles.awsConfig();
    }

    /** The settings, with the context template checked. */
    public OutputWriter.Settings settings(CommandSpec spec) {
        ContextTemplate template;
        try {
            template = new ContextTemplate(contextTemplate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new OutputWriter.Settings(kubeconfigPath(), awsConfigPath(), template, dryRun, prune, currentContext);
    }
}
