package io.eksfleet.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of each value that many records repeat (account ids and names, regions, versions, statuses, tags, role
 * names, policy names): a coordinator holds a record of every cluster twice over (its inventory and a running scan's
 * findings), and each record read from Kafka brings its own copies. The JVM's string table keeps them; an entry that no
 * record uses any more is collected with the last of them.
 */
public final class SharedStrings {

    /** The class of the maps {@link #of(Map)} returns: a record made from another's fields takes its map as it is. */
    private static final Class<?> SHARED_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    private SharedStrings() {
    }

    public static String of(String value) {
        return value == null ? null : value.intern();
    }

    /** The same list, its elements shared; null stays null. */
    public static List<String> of(List<String> values) {
        return values == null ? null : values.stream().map(SharedStrings::of).toList();
    }

    /** The same entries in the same order, keys and values shared, unmodifiable; null stays null. */
    public static Map<String, String> of(Map<String, String> values) {
        if (values == null || values.isEmpty() || values.getClass() == SHARED_MAP) {
            return values;
        }
        Map<String, String> shared = new LinkedHashMap<>(values.size() * 4 / 3 + 1);
        values.forEach((k, v) -> shared.put(of(k), of(v)));
        return Collections.unmodifiableMap(shared);
    }
}
