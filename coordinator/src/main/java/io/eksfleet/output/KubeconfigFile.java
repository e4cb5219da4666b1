package io.eksfleet.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A kubeconfig file with the merge rules of {@code aws eks update-kubeconfig} (reference section 9):
 * entries are matched by name and replaced whole, in place; new ones are appended; everything else in the
 * file is kept. Unlike the AWS CLI, {@code current-context} changes only when asked.
 *
 * <p>Clusters eksfleet wrote carry an extension named {@value #MARKER}, so that {@code --prune} removes
 * only entries eksfleet made, never ones written by hand or by other tools.
 */
public final class KubeconfigFile {

    public static final String MARKER = "eksfleet";

    /** What an upsert did to one entry. */
    public enum Change { ADDED, UPDATED, UNCHANGED }

    private final Path path;
    private final Map<String, Object> root;
    private final String original;

    private KubeconfigFile(Path path, Map<String, Object> root, String original) {
        this.path = path;
        this.root = root;
        this.original = original;
    }

    /** Loads and validates; a file that is not a kubeconfig is refused and left as it is. */
    public static KubeconfigFile load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return new KubeconfigFile(path, newContent(), null);
        } catch (IOException e) {
            throw new OutputException("cannot read kubeconfig " + path + ": " + e.getMessage());
        }
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw invalid(path, "it is not valid YAML");
        }
        if (parsed == null) {
            return new KubeconfigFile(path, newContent(), text);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw invalid(path, "its top level is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        for (String list : List.of("clusters", "contexts", "users")) {
            Object value = root.get(list);
            if (value != null && !(value instanceof List<?> l && l.stream().allMatch(e -> e instanceof Map))) {
                throw invalid(path, "'" + list + "' is not a list of mappings");
            }
        }
        if (root.get("current-context") != null && !(root.get("current-context") instanceof String)) {
            throw invalid(path, "'current-context' is not a string");
        }
        if (root.get("preferences") != null && !(root.get("preferences") instanceof Map)) {
            throw invalid(path, "'preferences' is not a mapping");
        }
        return new KubeconfigFile(path, root, text);
    }

    public Path path() {
        return path;
    }

    /** Adds or replaces the cluster, user and context of one entry. */
    public Change upsert(KubeconfigEntry entry) {
        Change cluster = upsert("clusters", entry.clusterName(), entry.cluster());
        Change user = upsert("users", entry.userName(), entry.user());
        Change context = upsert("contexts", entry.contextName(), entry.context());
        if (cluster == Change.ADDED) {
            return Change.ADDED;
        }
        return cluster == Change.UNCHANGED && user == Change.UNCHANGED && context == Change.UNCHANGED
                ? Change.UNCHANGED : Change.UPDATED;
    }

    /**
     * Removes the clusters eksfleet wrote that {@code stale} selects, with the users and contexts that point
     * at them. Returns the cluster names (ARNs) removed.
     */
    public List<String> prune(Predicate<String> stale) {
        List<String> removed = new ArrayList<>();
        for (Map<String, Object> cluster : list("clusters")) {
            String name = String.valueOf(cluster.get("name"));
            if (managed(cluster) && stale.test(name)) {
                removed.add(name);
            }
        }
        if (removed.isEmpty()) {
            return removed;
        }
        Set<String> gone = Set.copyOf(removed);
        List<Map<String, Object>> contexts = list("contexts");
        Set<String> users = new java.util.HashSet<>(gone);
        contexts.stream().filter(c -> gone.contains(field(c, "context", "cluster")))
                .forEach(c -> users.add(String.valueOf(field(c, "context", "user"))));
        list("clusters").removeIf(c -> gone.contains(String.valueOf(c.get("name"))));
        contexts.removeIf(c -> gone.contains(field(c, "context", "cluster")));
        list("users").removeIf(u -> users.contains(String.valueOf(u.get("name"))));
        // A current-context that named a pruned context would point nowhere.
        if (root.get("current-context") instanceof String current && !current.isEmpty()
                && contexts.stream().noneMatch(c -> current.equals(c.get("name")))) {
            root.put("current-context", "");
        }
        return removed;
    }

    public void currentContext(String name) {
        root.put("current-context", name);
    }

    public Collection<String> contextNames() {
        return list("contexts").stream().map(c -> String.valueOf(c.get("name"))).toList();
    }

    public String render() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(new Representer(options), options).dump(root);
    }

    /** True when {@link #save()} would change the file. */
    public boolean changed() {
        return !render().equals(original);
    }

    public void save() throws IOException {
        if (changed()) {
            AtomicFile.write(path, render());
        }
    }

    private Change upsert(String listName, String name, Map<String, Object> value) {
        List<Map<String, Object>> entries = list(listName);
        Map<String, Object> replacement = new LinkedHashMap<>(value);
        for (int i = 0; i < entries.size(); i++) {
            if (name.equals(String.valueOf(entries.get(i).get("name")))) {
                if (entries.get(i).equals(replacement)) {
                    return Change.UNCHANGED;
                }
                entries.set(i, replacement);
                return Change.UPDATED;
            }
        }
        entries.add(replacement);
        return Change.ADDED;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String name) {
        Object value = root.get(name);
        if (value == null) {
            List<Map<String, Object>> created = new ArrayList<>();
            root.put(name, created);
            return created;
        }
        return (List<Map<String, Object>>) value;
    }

    private static Object field(Map<String, Object> entry, String outer, String inner) {
        return entry.get(outer) instanceof Map<?, ?> m ? m.get(inner) : null;
    }

    private static boolean managed(Map<String, Object> clusterEntry) {
        return clusterEntry.get("cluster") instanceof Map<?, ?> cluster
                && cluster.get("extensions") instanceof List<?> extensions
                && extensions.stream().anyMatch(e -> e instanceof Map<?, ?> m && MARKER.equals(m.get("name")));
    }

    /** The layout {@code aws eks update-kubeconfig} gives a new file (reference 9.4). */
    private static Map<String, Object> newContent() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("clusters", new ArrayList<>());
        root.put("contexts", new ArrayList<>());
        root.put("current-context", "");
        root.put("kind", "Config");
        root.put("preferences", new LinkedHashMap<>());
        root.put("users", new ArrayList<>());
        return root;
    }

    private static OutputException invalid(Path path, String why) {
        return new OutputException(path + " is not a valid kubeconfig (" + why + "): fix or move it; eksfleet left it untouched");
    }
}
