package io.eksfleet.cli.options;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.host.UserPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --accounts-file}: one account per line, {@code ID} or {@code ID,NAME}; blank lines and {@code #} comments are
 * skipped. A regular file of up to {@link UserPath.Kind#ACCOUNTS 16 MiB}.
 */
public final class AccountsFile {

    private AccountsFile() {
    }

    public static List<AccountRef> read(CommandSpec spec, Path file) {
        UserPath named = UserPath.named("--accounts-file", UserPath.Kind.ACCOUNTS, file);
        List<String> lines = named.read().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--accounts-file: cannot read " + file + " (it does not exist)")).lines().toList();
        List<AccountRef> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s*,\\s*", 2);
            if (!parts[0].matches("\\d{12}")) {
                throw new ParameterException(spec.commandLine(), "--accounts-file: line " + (i + 1) + " of " + file
                        + ": '" + parts[0] + "' is not a 12-digit account id (write ID or ID,NAME)");
            }
            accounts.add(new AccountRef(parts[0], parts.length > 1 && !parts[1].isBlank() ? parts[1] : parts[0]));
        }
        return accounts;
    }
}
