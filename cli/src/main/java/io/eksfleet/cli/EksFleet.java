package io.eksfleet.cli;

import io.eksfleet.cli.deadletters.DeadLettersCommand;
import io.eksfleet.cli.scan.ScanCommand;
import io.eksfleet.cli.accounts.AccountsCommand;
import io.eksfleet.cli.inventory.InventoryCommand;
import io.eksfleet.cli.status.StatusCommand;
import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.cli.kubeconfig.KubeconfigCommand;
import io.eksfleet.cli.worker.WorkerCommand;
import io.eksfleet.cli.login.LoginCommand;
import io.eksfleet.cli.presets.PresetsCommand;
import io.eksfleet.aws.CaBundle;
import io.eksfleet.cli.options.Colour;
import io.eksfleet.cli.runtime.ProcessExit;
import io.eksfleet.devtools.DeveloperCommand;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eksfleet} command. Every role of the program is a subcommand of this one executable, so one
 * jar (and one container image) serves a laptop and a fleet.
 */
@Command(name = "eksfleet", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds every Amazon EKS cluster across many AWS accounts and regions.")
public final class EksFleet implements Runnable {

    /**
     * The subcommands, in the order {@code --help} lists them; the developer tools' ({@code simulator}, {@code bench})
     * only where their jars are on the class path, as in a checkout's {@code ./eksfleet}.
     */
    private static final List<Class<?>> SUBCOMMANDS = Stream.of(
            List.<Class<?>>of(ScanCommand.class, AccountsCommand.class, InventoryCommand.class, StatusCommand.class, CoordinatorCommand.class,
                    WorkerCommand.class, KubeconfigCommand.class, LoginCommand.class, DeadLettersCommand.class),
            DeveloperCommand.onClassPath(),
            List.<Class<?>>of(PresetsCommand.class, CompletionCommand.class)).flatMap(List::stream).toList();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On a failure, print its whole cause after the one line that names it.")
    boolean verbose;

    @CommandLine.Option(names = Colour.OPTION, scope = CommandLine.ScopeType.INHERIT,
            description = "No colour or other terminal styling (as NO_COLOR=1 does, https://no-color.org).")
    boolean noColor;

    public static void main(String[] args) {
        ProcessExit.enable();
        System.exit(run(args));
    }

    static int run(String... args) {
        return execute(commandLine(args.length > 0 ? args[0] : null), args);
    }

    /**
     * Runs {@code args} on {@code cli} once the config file, if there is one, and the CA bundle of {@code AWS_CA_BUNDLE},
     * if one is named, have passed their checks.
     */
    static int execute(CommandLine cli, String... args) {
        Colour.apply(cli, args);
        String problem = ConfigFile.find().map(file -> ConfigFile.problem(file, commandLine())).or(CaBundle::problem).orElse(null);
        if (problem != null) {
            cli.getErr().println("eksfleet: " + problem);
            cli.getErr().flush();
            return 1;
        }
        return cli.execute(args);
    }

    /** The whole command tree. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a run whose first argument is {@code first}: when that names a subcommand, only that
     * one is built, because building all of them (their options, mixins and converters) is a good part of a
     * short command's start. Anything else gets the whole tree, for the listing and the suggestions.
     *
     * <p>Bad input and failures end in one line on stderr and exit code 1; the whole cause follows it only with
     * {@code --verbose} (or {@code EKSFLEET_DEBUG=1}).
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new EksFleet());
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(cli::addSubcommand);
        // A file that cannot be read is reported before the command runs (ConfigFile.problem), not warned about here.
        ConfigFile.find().flatMap(ConfigFile::properties)
                .ifPresent(properties -> cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties)));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(fullName(failed) + ": " + e.getMessage() + " (see: " + fullName(failed) + " --help)");
            return 1;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println(fullName(failed) + ": " + oneLine(e));
            if (verbose(parsed) || "1".equals(System.getenv("EKSFLEET_DEBUG"))) {
                e.printStackTrace(failed.getErr());
            }
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The command as typed: {@code eksfleet}, {@code eksfleet scan}, {@code eksfleet kubeconfig sync}. */
    private static String fullName(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName(" ");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
