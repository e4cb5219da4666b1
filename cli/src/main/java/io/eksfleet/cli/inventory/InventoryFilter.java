package io.eksfleet.cli.inventory;

import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.KubernetesAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which clusters of the inventory a person asked for: accounts as a scan selects them (ids, names, globs,
 * exclusions), regions, statuses, a Kubernetes version range, tags, and how long ago a scan last saw them.
 * An empty criterion lets every cluster through.
 *
 * @param version {@code --kubernetes-version}, e.g. {@code <1.30}, {@code >=1.29}, {@code 1.31}; null for any
 * @param tags every one must be on the cluster; a value of {@code *} asks only for the key
 * @param seenBefore clusters not seen by a scan since this long ago; null for any
 * @param access what the access entries say of the role a kubeconfig would use ({@link #accessOf}); empty for any
 */
public record InventoryFilter(AccountSelection accounts, Set<String> regions, Set<String> statuses, String version,
                       Map<String, String> tags, Duration seenBefore, Set<KubernetesAccess.Answer> access) {

    private static final Pattern VERSION = Pattern.compile("(<=|>=|<|>|=)?\\s*(\\d+(?:\\.\\d+)*)");

    public InventoryFilter {
        if (version != null && !VERSION.matcher(version.strip()).matches()) {
            throw new IllegalArgumentException("--kubernetes-version: '" + version + "' is not a version or a comparison (write e.g. 1.31, <1.30, >=1.29)");
        }
    }

    /** Only accounts, regions and tags: the selection of a kubeconfig. */
    public static InventoryFilter of(AccountSelection accounts, Set<String> regions, Map<String, String> tags) {
        return new InventoryFilter(accounts, regions, Set.of(), null, tags, null, Set.of());
    }

    /** The answer for the role a kubeconfig built from the inventory uses; {@code unknown} where no scan looked. */
    public static KubernetesAccess.Answer accessOf(InventoryRecord r) {
        KubernetesAccess access = r.cluster().kubernetesAccess();
        return access == null ? KubernetesAccess.Answer.UNKNOWN : access.answer();
    }

    public boolean test(InventoryRecord r, Instant now) {
        AccountRef account = new AccountRef(r.accountId(), r.accountName());
        boolean chosen = accounts.ids().isEmpty() && accounts.patterns().isEmpty()
                || accounts.ids().stream().anyMatch(a -> a.id().equals(r.accountId()))
                || accounts.patterns().stream().anyMatch(glob -> AccountSelection.matches(glob, account));
        return chosen && !accounts.excludes(account)
                && (regions.isEmpty() || regions.contains(r.region()))
                && (statuses.isEmpty() || statuses.contains(r.status()))
                && (version == null || versionMatches(r.kubernetesVersion()))
                && tags.entrySet().stream().allMatch(t -> r.tags() != null && r.tags().containsKey(t.getKey())
                        && (t.getValue().equals("*") || t.getValue().equals(r.tags().get(t.getKey()))))
                && (seenBefore == null || r.lastSeenAt() == null || r.lastSeenAt().isBefore(now.minus(seenBefore)))
                && (access.isEmpty() || access.contains(accessOf(r)));
    }

    private boolean versionMatches(String actual) {
        if (actual == null) {
            return false;
        }
        Matcher m = VERSION.matcher(version.strip());
        m.matches();
        int order = compare(actual, m.group(2));
        return switch (m.group(1) == null ? "=" : m.group(1)) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> order == 0;
        };
    }

    /** Compares dotted versions part by part, as numbers: 1.9 before 1.10. */
    static int compare(String a, String b) {
        List<String> x = List.of(a.split("\\."));
        List<String> y = List.of(b.split("\\."));
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int p = i < x.size() ? parse(x.get(i)) : 0;
            int q = i < y.size() ? parse(y.get(i)) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
