package io.eksfleet.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which of the accounts a login sees a scan covers: accounts named by id, accounts whose name or id matches a
 * glob ({@code *} any run of characters, {@code ?} one; case does not matter, as account names are typed by
 * people), minus those matching an exclusion. Nothing named means every account.
 *
 * @param ids accounts named by their 12-digit id
 * @param patterns globs matched against each account's name and id
 * @param excluded globs (or ids) of accounts left out, whatever else selects them
 */
public record AccountSelection(List<AccountRef> ids, List<String> patterns, List<String> excluded) {

    public static final AccountSelection EVERY = new AccountSelection(List.of(), List.of(), List.of());
    private static final Pattern ID = Pattern.compile("\\d{12}");

    public AccountSelection {
        ids = ids == null ? List.of() : List.copyOf(ids);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    /** Splits what a person typed: 12-digit ids name accounts, anything else is a name or glob. */
    public static AccountSelection of(List<String> wanted, List<AccountRef> fromFile, List<String> excluded) {
        List<AccountRef> ids = new ArrayList<>(fromFile);
        List<String> patterns = new ArrayList<>();
        for (String w : wanted) {
            String value = w.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("--accounts has an empty entry: give ids, names or globs such as 'payments-*'");
            }
            if (isId(value)) {
                ids.add(new AccountRef(value, value));
            } else if (value.chars().allMatch(Character::isDigit)) {
                // Digits alone are a mistyped id far more often than an account's name.
                throw new IllegalArgumentException("--accounts: '" + value + "' is not a 12-digit account id");
            } else {
                patterns.add(value);
            }
        }
        for (String e : excluded) {
            if (e.isBlank()) {
                throw new IllegalArgumentException("--exclude-accounts has an empty entry: give ids, names or globs such as 'sandbox-*'");
            }
        }
        return new AccountSelection(ids, patterns, excluded.stream().map(String::trim).toList());
    }

    public static boolean isId(String value) {
        return ID.matcher(value).matches();
    }

    /** Whether the accounts can be known without listing them: ids only, nothing to match or exclude by name. */
    public boolean idsOnly() {
        return !ids.isEmpty() && patterns.isEmpty() && excluded.stream().allMatch(AccountSelection::isId);
    }

    /** Whether the glob matches the account's name or id. */
    public static boolean matches(String glob, AccountRef account) {
        Pattern p = glob(glob);
        return p.matcher(account.id()).matches() || account.name() != null && p.matcher(account.name().toLowerCase(Locale.ROOT)).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * The selected accounts out of those the login sees, in the order listed (ids named first, in the order
     * given), and what was asked for but matched nothing there: ids the login does not see, globs and names
     * that match no account.
     */
    public Selected select(List<AccountRef> visible) {
        Map<String, AccountRef> byId = new LinkedHashMap<>();
        visible.forEach(a -> byId.putIfAbsent(a.id(), a));
        Map<String, AccountRef> chosen = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (AccountRef wanted : ids) {
            AccountRef seen = byId.get(wanted.id());
            if (seen == null) {
                if (!unmatched.contains(wanted.id())) {
                    unmatched.add(wanted.id());
                }
            } else {
                chosen.putIfAbsent(seen.id(), seen);
            }
        }
        for (String glob : patterns) {
            List<AccountRef> matched = byId.values().stream().filter(a -> matches(glob, a)).toList();
            if (matched.isEmpty()) {
                unmatched.add(glob);
            }
            matched.forEach(a -> chosen.putIfAbsent(a.id(), a));
        }
        if (ids.isEmpty() && patterns.isEmpty()) {
            chosen.putAll(byId);
        }
        return new Selected(chosen.values().stream().filter(a -> !excludes(a)).toList(), unmatched);
    }

    /** The ids named, minus exclusions by id: for hub-mode scans of named accounts, which list nothing. */
    public List<AccountRef> named() {
        return ids.stream().filter(a -> !excludes(a)).distinct().toList();
    }

    public boolean excludes(AccountRef account) {
        return excluded.stream().anyMatch(glob -> matches(glob, account));
    }

    /**
     * @param accounts the accounts to scan
     * @param unmatched ids, names or globs asked for that matched no account the login sees
     */
    public record Selected(List<AccountRef> accounts, List<String> unmatched) {
    }
}
