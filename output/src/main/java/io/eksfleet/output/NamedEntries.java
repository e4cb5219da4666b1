package io.eksfleet.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One of a kubeconfig's named lists ({@code clusters}, {@code contexts}, {@code users}), its entries looked up by
 * name and, for contexts, by the cluster they name: a write of 25,000 clusters into a file of 25,000 entries
 * looks each one up instead of walking the list. Every change goes through here, so the indexes stay true; a
 * removal, rare, drops them to be rebuilt on the next look-up.
 */
final class NamedEntries {

    private final List<Map<String, Object>> entries;
    /** The position of the first entry of each name, as kubectl takes the first. */
    private Map<String, Integer> byName;
    /** The positions of the entries whose {@code context.cluster} is the key. */
    private Map<Object, Set<Integer>> byCluster;

    NamedEntries(List<Map<String, Object>> entries) {
        this.entries = entries;
    }

    /** The entries in file order, to read; changes go through {@link #put} and {@link #removeIf}. */
    List<Map<String, Object>> all() {
        return java.util.Collections.unmodifiableList(entries);
    }

    int size() {
        return entries.size();
    }

    /** The first entry of that name, or null. */
    Map<String, Object> find(String name) {
        Integer at = byName().get(name);
        return at == null ? null : entries.get(at);
    }

    /** Puts the entry in place of the first of its name, or appends it. */
    void put(String name, Map<String, Object> entry) {
        Integer at = byName().get(name);
        if (at == null) {
            at = entries.size();
            entries.add(entry);
            byName.put(name, at);
        } else {
            forgetCluster(entries.get(at), at);
            entries.set(at, entry);
        }
        if (byCluster != null) {
            byCluster.computeIfAbsent(cluster(entry), k -> new LinkedHashSet<>()).add(at);
        }
    }

    /** The entries whose {@code context.cluster} is {@code cluster}, in file order. */
    List<Map<String, Object>> withCluster(Object cluster) {
        if (byCluster == null) {
            byCluster = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                byCluster.computeIfAbsent(cluster(entries.get(i)), k -> new LinkedHashSet<>()).add(i);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byCluster.getOrDefault(cluster, Set.of()).stream().sorted().forEach(i -> out.add(entries.get(i)));
        return out;
    }

    boolean removeIf(Predicate<Map<String, Object>> filter) {
        boolean removed = entries.removeIf(filter);
        if (removed) {
            byName = null;
            byCluster = null;
        }
        return removed;
    }

    private Map<String, Integer> byName() {
        if (byName == null) {
            byName = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                byName.putIfAbsent(String.valueOf(entries.get(i).get("name")), i);
            }
        }
        return byName;
    }

    private void forgetCluster(Map<String, Object> entry, int at) {
        if (byCluster != null) {
            Set<Integer> positions = byCluster.get(cluster(entry));
            if (positions != null) {
                positions.remove(at);
            }
        }
    }

    private static Object cluster(Map<String, Object> entry) {
        return entry.get("context") instanceof Map<?, ?> m ? m.get("cluster") : null;
    }
}
