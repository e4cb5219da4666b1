package io.eksfleet.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * The selected accounts out of those the login sees, ids named first in the order given, the others in the
     * order listed; and what was asked for but matched nothing there: ids the login does not see, globs and names
     * that match no account.
     */
    public Selected select(List<AccountRef> visible) {
        Paged paged = paged();
        Map<String, AccountRef> chosen = new LinkedHashMap<>();
        paged.next(visible).forEach(a -> chosen.put(a.id(), a));
        List<AccountRef> ordered = new ArrayList<>();
        ids.forEach(wanted -> Optional.ofNullable(chosen.remove(wanted.id())).ifPresent(ordered::add));
        ordered.addAll(chosen.values());
        return new Selected(ordered, paged.unmatched());
    }

    /** A selection made out of a listing page by page, as its pages arrive. */
    public Paged paged() {
        return new Paged();
    }

    /** Selects page by page: each account once, in the order listed; what matched nothing is known after the last page. */
    public final class Paged {

        private final Set<String> wantedIds = new HashSet<>();
        private final Set<String> seenIds = new HashSet<>();
        private final Set<String> matchedGlobs = new HashSet<>();
        /** The ids chosen so far: a login may list an account twice. */
        private final Set<String> chosen = new HashSet<>();

        private Paged() {
            ids.forEach(a -> wantedIds.add(a.id()));
        }

        /** The accounts of {@code page} the selection takes, but no earlier page gave. */
        public List<AccountRef> next(List<AccountRef> page) {
            List<AccountRef> taken = new ArrayList<>();
            for (AccountRef account : page) {
                boolean wanted = ids.isEmpty() && patterns.isEmpty();
                if (wantedIds.contains(account.id())) {
                    seenIds.add(account.id());
                    wanted = true;
                }
                for (String glob : patterns) {
                    if (matches(glob, account)) {
                        matchedGlobs.add(glob);
                        wanted = true;
                    }
                }
                if (wanted && !excludes(account) && chosen.add(account.id())) {
                    taken.add(account);
                }
            }
            return taken;
        }

        /** Ids, names and globs asked for that no page so far matched, ids first, each in the order given. */
        public List<String> unmatched() {
            List<String> unmatched = new ArrayList<>();
            ids.stream().map(AccountRef::id).filter(id -> !seenIds.contains(id)).distinct().forEach(unmatched::add);
            patterns.stream().filter(glob -> !matchedGlobs.contains(glob)).forEach(unmatched::add);
            return unmatched;
        }
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
