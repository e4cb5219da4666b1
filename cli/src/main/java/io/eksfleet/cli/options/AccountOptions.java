package io.eksfleet.cli.options;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which accounts a command covers, by id, name or glob: the same for scan and accounts. */
public final class AccountOptions {

    @Option(names = "--accounts", split = ",", paramLabel = "ACCOUNT",
            description = {"Only these accounts: 12-digit ids, names, or globs matched against names and ids (* any characters, ? one;"
                + " case-insensitive), e.g. 'payments-*,111111111111'. Default: every account the login sees; in hub mode every"
                + " ACTIVE account of organizations:ListAccounts."})
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE", description = "Accounts to scan, one per line: ID or ID,NAME; # starts a comment. A regular file of up to 16 MiB.")
    Path accountsFile;

    @Option(names = "--exclude-accounts", split = ",", paramLabel = "ACCOUNT",
            description = "Never these accounts: ids, names or globs as for --accounts, e.g. 'sandbox-*,*-test'.")
    List<String> excluded = new ArrayList<>();

    public AccountSelection selection(CommandSpec spec) {
        List<AccountRef> fromFile = accountsFile == null ? List.of() : AccountsFile.read(spec, accountsFile);
        try {
            return AccountSelection.of(accounts, fromFile, excluded);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
