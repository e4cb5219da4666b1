package io.eksfleet.cli.accounts;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.aws.UserFiles;
import io.eksfleet.budget.Budget;
import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.budget.Budgets;
import io.eksfleet.budget.Family;
import io.eksfleet.cli.options.AccountOptions;
import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.cli.options.HubOptions;
import io.eksfleet.cli.options.LoginConfig;
import io.eksfleet.cli.options.SsoLoginOptions;
import io.eksfleet.coordinator.AccountDirectory;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet accounts}: the accounts a login sees and the roles it may take in each, narrowed by the same
 * {@code --accounts}/{@code --exclude-accounts} as scan, so that a selection can be tried before a scan.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the accounts the login sees and the roles it may take in each, as scan would select them.",
            "In hub mode, the ACTIVE accounts of the organisation. Exit code: 0 listed, 2 something asked for matched no account,"
                + " 1 could not list."})
public final class AccountsCommand implements Callable<Integer> {

    /** ListAccountRoles calls in flight at once; the SSO budget paces them. */
    private static final int CONCURRENCY = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    SsoLoginOptions login;

    @Mixin
    HubOptions hubOptions;

    @Mixin
    AccountOptions accounts;

    @Option(names = "--aws-config", paramLabel = "PATH", description = "Another AWS config to read the login from, after $AWS_CONFIG_FILE (else ~/.aws/config), which the AWS CLI reads.")
    Path awsConfig;

    @Option(names = "--sso-cache", paramLabel = "DIR", description = "SSO token cache (default: ~/.aws/sso/cache, shared with the AWS CLI).")
    Path ssoCache;

    @Mixin
    FormatOption format;

    /** An account and the roles the login may take there (in hub mode, the role that would be assumed). */
    record Listed(String id, String name, List<String> roles) {
    }

    @Override
    public Integer call() throws Exception {
        HubSource hub = hubOptions.hub(spec);
        if (hub != null && login.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--assume-role (hub mode) and an SSO login (--sso-session, --profile, --sso-start-url) exclude each other");
        }
        AccountSelection selection = accounts.selection(spec);
        SsoSource sso = hub != null ? null : login.required(spec, LoginConfig.of(awsConfig));
        SsoTokenCache tokens = new SsoTokenCache(UserFiles.ssoCache(ssoCache), Clock.systemUTC(),
                AwsClients.tokenRefresher(null));
        List<Listed> listed = new ArrayList<>();
        AccountSelection.Selected selected;
        try (AwsClients clients = new AwsClients(null, CONCURRENCY, Duration.ofSeconds(30))) {
            AccountDirectory directory = new AccountDirectory(clients, tokens, new ConcurrentHashMap<>());
            if (hub != null) {
                selected = selection.select(directory.organizationAccounts(io.eksfleet.scan.Partition.ofRegion(hub.region()).orElse(io.eksfleet.scan.Partition.AWS)));
                selected.accounts().forEach(a -> listed.add(new Listed(a.id(), a.name(), List.copyOf(hubOptions.assumeRole))));
            } else {
                selected = selection.select(directory.ssoAccounts(sso));
                listed.addAll(withRoles(directory, sso, selected.accounts()));
            }
        }
        print(listed);
        PrintWriter err = spec.commandLine().getErr();
        selected.unmatched().forEach(u -> err.println("eksfleet accounts: '" + u + "' matches no account the login sees"));
        err.flush();
        return selected.unmatched().isEmpty() ? 0 : 2;
    }

    /** Each account's roles, a few accounts at a time, within the SSO portal's organisation-wide rate. */
    private static List<Listed> withRoles(AccountDirectory directory, SsoSource sso, List<AccountRef> chosen) throws Exception {
        Budget budget = new Budgets(BudgetConfig.DEFAULTS).budget(Family.SSO, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<Listed>> rows = new ArrayList<>();
            for (AccountRef a : chosen) {
                rows.add(pool.submit(() -> {
                    TimeUnit.NANOSECONDS.sleep(budget.reserve(System.nanoTime()));
                    return new Listed(a.id(), a.name(), directory.ssoRoles(sso, a.id()));
                }));
            }
            List<Listed> listed = new ArrayList<>();
            for (Future<Listed> row : rows) {
                try {
                    listed.add(row.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return listed;
        } finally {
            pool.shutdownNow();
        }
    }

    private void print(List<Listed> listed) {
        PrintWriter out = spec.commandLine().getOut();
        if (format.structured()) {
            out.print(format.render(Messages.MAPPER.writeValueAsString(listed.stream().map(l -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", l.id());
                row.put("name", l.name());
                row.put("roles", l.roles());
                return row;
            }).toList())));
        } else {
            int width = Math.max(4, listed.stream().mapToInt(l -> l.name().length()).max().orElse(0));
            String line = "%-12s  %-" + width + "s  %s%n";
            out.printf(line, "ACCOUNT", "NAME", "ROLES");
            listed.forEach(l -> out.printf(line, l.id(), l.name(), String.join(", ", l.roles())));
        }
        out.flush();
    }
}
