package io.eksfleet.output;

import io.eksfleet.host.UserPath;
import io.eksfleet.scan.ClusterArn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A kubeconfig with the merge rules of {@code aws eks update-kubeconfig}
 * (https://docs.aws.amazon.com/cli/latest/reference/eks/update-kubeconfig.html) and the
 * ownership rules that keep a person's own entries safe.
 *
 * <p>Entries are matched by name and replaced whole, in place; new ones are appended; everything else in
 * the file is kept. eksfleet's clusters, contexts and users carry an extension named {@value #MARKER}.
 * A cluster or user that another tool rewrote without the marker is still eksfleet's while an eksfleet
 * context points at it. eksfleet rewrites or removes only its own entries, never an entry another entry
 * still uses, and never points an existing context at another cluster unless it is eksfleet's context
 * and its cluster is gone.
 */
public final class KubeconfigFile {

    public static final String MARKER = "eksfleet";
    /** The key of a user marker's extension that names the user's role. */
    static final String ROLE = "role";
    /**
     * The largest file read ({@link UserPath.Kind#KUBECONFIG}): SnakeYAML's default of 3 MiB is crossed by about
     * 1,200 clusters with real certificates.
     */
    public static final int MAX_CHARS = (int) UserPath.Kind.KUBECONFIG.maxBytes();

    /** What an upsert did to one entry. */
    public enum Change { ADDED, UPDATED, UNCHANGED, SKIPPED }

    /**
     * One upsert's outcome.
     *
     * @param contextName the context the entry got (its wanted name, or a suffixed one when that was taken)
     * @param note why the wanted name was not used, or why the entry was skipped; null when neither
     */
    public record Upsert(Change change, String contextName, String note) {
    }

    /**
     * What a prune did.
     *
     * @param removed the clusters whose entries were removed
     * @param kept clusters that are gone but still used by an entry eksfleet did not write, with that entry
     */
    public record Pruned(List<String> removed, List<String> kept) {
    }

    private final Map<String, Object> root;
    private final Map<String, NamedEntries> lists = new HashMap<>();
    private boolean changed;

    private KubeconfigFile(Map<String, Object> root) {
        this.root = root;
    }

    /** Reads and validates without taking the lock (checks and dry runs). */
    public static KubeconfigFile load(Path path) {
        return parse(path, AtomicFile.read(userPath(path)).orElse(null));
    }

    /** The file as eksfleet checks it: {@link UserPath.Kind#KUBECONFIG}. */
    static UserPath userPath(Path path) {
        return UserPath.of(UserPath.Kind.KUBECONFIG, path);
    }

    /** A file's text (null when there is no file) validated; one that kubectl would refuse is refused, and left as it is. */
    public static KubeconfigFile parse(Path path, String text) {
        return new KubeconfigFile(KubeconfigYaml.read(path, text));
    }

    /**
     * Adds or replaces one cluster's cluster, user and context. The context gets the first of
     * {@code contextNames} (then the last of them numbered) that is free, already this cluster's, or an eksfleet context of a cluster that
     * {@code gone} says no longer exists; any other context is left pointing where it points.
     */
    public Upsert upsert(KubeconfigEntry entry, List<String> contextNames, Predicate<String> gone) {
        Map<String, Object> existingUser = find("users", entry.userName());
        if (existingUser != null && !marked(existingUser.get("user")) && !execFor(existingUser, entry.clusterName())) {
            return new Upsert(Change.SKIPPED, null, "user " + entry.userName()
                    + " exists and is not an eksfleet or aws eks get-token user: rename it to let eksfleet write this cluster");
        }
        String contextName = null;
        String note = null;
        for (String candidate : candidates(contextNames)) {
            Map<String, Object> existing = find("contexts", candidate);
            if (existing == null || ours(existing, entry.clusterName())
                    || (marked(existing.get("context")) && gone.test(String.valueOf(field(existing, "context", "cluster"))))) {
                contextName = candidate;
                break;
            }
            if (note == null) {
                note = "context " + candidate + " already points at " + field(existing, "context", "cluster");
            }
        }
        if (contextName == null) {
            return new Upsert(Change.SKIPPED, null, note + ", and so do the other names eksfleet tried");
        }
        Change cluster = replace("clusters", entry.clusterName(), entry.cluster());
        Change user = replace("users", entry.userName(), entry.user());
        Change context = replace("contexts", contextName, withPersonsFields(entry, contextName));
        boolean renamed = removeOtherContexts(entry, contextName);
        if (entry.ownUser()) {
            // The role's entries move from the cluster's one user to its own: its earlier user and contexts go.
            renamed |= !removeUsers(entry.clusterName(), List.of(entry.clusterName()), entry.role(), contextName).isEmpty();
        }
        // A second role of a cluster already in the file adds its own user and context.
        Change change = cluster == Change.ADDED || user == Change.ADDED && context == Change.ADDED ? Change.ADDED
                : cluster == Change.UNCHANGED && user == Change.UNCHANGED && context == Change.UNCHANGED && !renamed
                ? Change.UNCHANGED : Change.UPDATED;
        return new Upsert(change, contextName, note == null ? null : note + ", so " + entry.clusterName() + " got " + contextName);
    }

    /**
     * Whether a write of one role for this cluster takes the role's own user ({@code own}, {@code ARN (ROLE)}) instead of
     * the cluster's one user ({@code shared}, named by the ARN): the file already has eksfleet's own user of the role, or
     * the cluster's user is eksfleet's user of another role, which the write would otherwise take over.
     */
    public boolean needsOwnUser(KubeconfigEntry shared, KubeconfigEntry own) {
        Map<String, Object> ownUser = find("users", own.userName());
        if (ownUser != null && marked(ownUser.get("user"))) {
            return true;
        }
        Map<String, Object> sharedUser = find("users", shared.userName());
        String role = sharedUser == null ? null : roleOf(sharedUser);
        return role != null && !role.equals(shared.role());
    }

    /**
     * Removes eksfleet's user of {@code role} for the cluster {@code arn} (its own user, or the cluster's user when
     * that is the role's) and eksfleet's contexts that use it: the role may no longer use the cluster. The cluster and
     * the other roles' entries stay. Returns the users removed.
     */
    public List<String> removeRole(String arn, String role) {
        return removeUsers(arn, List.of(KubeconfigEntry.userOfRole(arn, role), arn), role, null);
    }

    /**
     * Removes each of {@code names} that is eksfleet's user of {@code role} for {@code arn}, with eksfleet's contexts
     * of the cluster that use it; a user that another context still uses stays. A current-context that named a removed
     * context moves to {@code keep}, or is cleared when null.
     */
    private List<String> removeUsers(String arn, List<String> names, String role, String keep) {
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> user = find("users", name);
            if (user == null || !marked(user.get("user")) || role == null || !role.equals(roleOf(user))) {
                continue;
            }
            Predicate<Map<String, Object>> its = c -> !String.valueOf(c.get("name")).equals(keep) && arn.equals(field(c, "context", "cluster"))
                    && name.equals(field(c, "context", "user")) && marked(c.get("context"));
            List<String> contexts = list("contexts").withCluster(arn).stream().filter(its).map(c -> String.valueOf(c.get("name"))).toList();
            list("contexts").removeIf(its);
            if (contexts.contains(root.get("current-context"))) {
                root.put("current-context", keep == null ? "" : keep);
            }
            if (contextsUsing("user", name).isEmpty()) {
                list("users").removeIf(u -> u == user);
                removed.add(name);
            }
            changed |= !contexts.isEmpty() || removed.contains(name);
        }
        return removed;
    }

    /** The role eksfleet wrote the user for; null for another tool's user, or one written without it. */
    private static String roleOf(Map<String, Object> user) {
        if (user.get("user") instanceof Map<?, ?> body && body.get("extensions") instanceof List<?> extensions) {
            for (Object e : extensions) {
                if (e instanceof Map<?, ?> m && MARKER.equals(m.get("name")) && m.get("extension") instanceof Map<?, ?> ext
                        && ext.get(ROLE) instanceof String role) {
                    return role;
                }
            }
        }
        return null;
    }

    /**
     * Removes eksfleet's entries of the clusters that {@code gone} selects: the cluster, the contexts of its
     * entry (see {@link #ours}), and its user. Whatever another
     * entry still uses stays: a gone cluster that a hand-written context names is kept and reported.
     */
    public Pruned prune(Predicate<String> gone) {
        List<String> stale = new ArrayList<>();
        for (Map<String, Object> cluster : list("clusters").all()) {
            String name = String.valueOf(cluster.get("name"));
            if (managed(cluster) && gone.test(name)) {
                stale.add(name);
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        if (stale.isEmpty()) {
            return new Pruned(removed, kept);
        }
        int before = entries();
        Set<String> removedContexts = new HashSet<>();
        for (String arn : stale) {
            list("contexts").removeIf(c -> {
                boolean family = ours(c, arn);
                if (family) {
                    removedContexts.add(String.valueOf(c.get("name")));
                }
                return family;
            });
        }
        for (String arn : stale) {
            // The cluster's user, and its users of one role each (ARN (ROLE)) where a write gave it several.
            List<Map<String, Object>> staleUsers = list("users").all().stream().filter(u -> {
                String name = String.valueOf(u.get("name"));
                return (name.equals(arn) || name.startsWith(arn + " (") && name.endsWith(")"))
                        && (marked(u.get("user")) || execFor(u, arn)) && contextsUsing("user", name).isEmpty();
            }).toList();
            if (!staleUsers.isEmpty()) {
                list("users").removeIf(u -> staleUsers.stream().anyMatch(x -> x == u));
            }
            List<String> users = contextsUsing("cluster", arn);
            if (users.isEmpty()) {
                list("clusters").removeIf(c -> arn.equals(c.get("name")));
                removed.add(arn);
            } else {
                kept.add(arn + " (still used by context " + String.join(", ", users) + ")");
            }
        }
        // A current-context that named a pruned context would point nowhere.
        if (root.get("current-context") instanceof String current && removedContexts.contains(current)) {
            root.put("current-context", "");
        }
        changed |= entries() != before;
        return new Pruned(removed, kept);
    }

    public void currentContext(String name) {
        changed |= !name.equals(root.get("current-context"));
        root.put("current-context", name);
    }

    /**
     * Whether an upsert, prune or current-context changed what kubectl reads from the file; when nothing
     * did, the file's text is kept as it is, however another tool wrote it.
     */
    public boolean changed() {
        return changed;
    }

    public Collection<String> contextNames() {
        return list("contexts").all().stream().map(c -> String.valueOf(c.get("name"))).toList();
    }

    public String render() {
        return KubeconfigYaml.render(root);
    }

    /**
     * eksfleet's context with what else a person set on the context of that name ({@code kubectl config
     * set-context --current --namespace=N}): eksfleet sets the cluster, user and marker, the rest is theirs.
     */
    private Map<String, Object> withPersonsFields(KubeconfigEntry entry, String name) {
        Map<String, Object> context = entry.context(name);
        Map<String, Object> existing = find("contexts", name);
        if (existing == null || !ours(existing, entry.clusterName()) || !(existing.get("context") instanceof Map<?, ?> theirs)) {
            return context;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> ours = (Map<String, Object>) context.get("context");
        Map<String, Object> body = new LinkedHashMap<>();
        theirs.forEach((k, v) -> body.put(String.valueOf(k), v));
        body.putAll(ours);
        Map<String, Object> merged = new LinkedHashMap<>(context);
        merged.put("context", body);
        return merged;
    }

    /** The names to try in order, then the last one numbered. */
    private static List<String> candidates(List<String> names) {
        List<String> out = new ArrayList<>(names);
        String last = names.get(names.size() - 1);
        for (int n = 2; n < 100; n++) {
            out.add(last + " " + n);
        }
        return out;
    }

    /**
     * A context of this cluster's entry: eksfleet's (marked), or one that pairs the cluster with its own user,
     * as {@code aws eks update-kubeconfig} and earlier eksfleet versions write them. A context that joins the
     * cluster to any other user was written by a person and is not the entry's.
     */
    private static boolean ours(Map<String, Object> context, String arn) {
        return arn.equals(field(context, "context", "cluster"))
                && (marked(context.get("context")) || arn.equals(field(context, "context", "user")));
    }

    /**
     * A template change renames: eksfleet's other contexts of this cluster with this entry's user (its role) go, and
     * current-context follows. Another role's contexts of the cluster stay.
     */
    private boolean removeOtherContexts(KubeconfigEntry entry, String keep) {
        String arn = entry.clusterName();
        Predicate<Map<String, Object>> other = c -> !keep.equals(c.get("name")) && arn.equals(field(c, "context", "cluster"))
                && entry.userName().equals(field(c, "context", "user")) && marked(c.get("context"));
        List<String> others = list("contexts").withCluster(arn).stream().filter(other).map(c -> String.valueOf(c.get("name"))).toList();
        if (!others.isEmpty()) {
            list("contexts").removeIf(other);
        }
        if (others.contains(root.get("current-context"))) {
            root.put("current-context", keep);
        }
        changed |= !others.isEmpty();
        return !others.isEmpty();
    }

    private int entries() {
        return list("clusters").size() + list("contexts").size() + list("users").size();
    }

    private List<String> contextsUsing(String key, String name) {
        return list("contexts").all().stream().filter(c -> name.equals(field(c, "context", key)))
                .map(c -> String.valueOf(c.get("name"))).toList();
    }

    /** A cluster is eksfleet's when it carries the marker or an eksfleet context points at it. */
    private boolean managed(Map<String, Object> cluster) {
        String name = String.valueOf(cluster.get("name"));
        return marked(cluster.get("cluster")) || list("contexts").all().stream()
                .anyMatch(c -> name.equals(field(c, "context", "cluster")) && marked(c.get("context")));
    }

    /** The exec user {@code aws eks update-kubeconfig} and eksfleet write: {@code aws ... eks get-token --cluster-name NAME}. */
    private static boolean execFor(Map<String, Object> user, String arn) {
        if (!(user.get("user") instanceof Map<?, ?> body) || !(body.get("exec") instanceof Map<?, ?> exec)
                || !(exec.get("args") instanceof List<?> args)) {
            return false;
        }
        String command = String.valueOf(exec.get("command"));
        int at = args.indexOf("--cluster-name");
        return (command.equals("aws") || command.endsWith("/aws")) && args.contains("get-token") && at >= 0 && at + 1 < args.size()
                && ClusterArn.tryParse(arn).filter(a -> a.name().equals(args.get(at + 1))).isPresent();
    }

    private static boolean marked(Object body) {
        return body instanceof Map<?, ?> map && map.get("extensions") instanceof List<?> extensions
                && extensions.stream().anyMatch(e -> e instanceof Map<?, ?> m && MARKER.equals(m.get("name")));
    }

    /**
     * Puts the entry in place of the one of that name, or appends it. An entry that means the same to kubectl
     * (see {@link KubeconfigMeaning}) is left as it is written.
     */
    private Change replace(String listName, String name, Map<String, Object> value) {
        Map<String, Object> replacement = new LinkedHashMap<>(value);
        Map<String, Object> existing = find(listName, name);
        if (existing != null && KubeconfigMeaning.same(existing, replacement)) {
            return Change.UNCHANGED;
        }
        list(listName).put(name, replacement);
        changed = true;
        return existing == null ? Change.ADDED : Change.UPDATED;
    }

    private Map<String, Object> find(String listName, String name) {
        return name == null ? null : list(listName).find(name);
    }

    @SuppressWarnings("unchecked")
    private NamedEntries list(String name) {
        return lists.computeIfAbsent(name, n -> {
            Object value = root.get(n);
            if (value == null) {
                value = new ArrayList<Map<String, Object>>();
                root.put(n, value);
            }
            return new NamedEntries((List<Map<String, Object>>) value);
        });
    }

    private static Object field(Map<String, Object> entry, String outer, String inner) {
        return entry.get(outer) instanceof Map<?, ?> m ? m.get(inner) : null;
    }
}
