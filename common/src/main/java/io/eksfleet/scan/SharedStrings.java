package io.eksfleet.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of each value that many records repeat (account ids and names, regions, versions, statuses, tags, role
 * names, policy names): a coordinator holds a record of every cluster twice over (its inventory and a running scan's
 * findings), and each record read from Kafka brings its own copies. The JVM's string table keeps them; an entry that no
 * record uses any more is collected with the last of them. A value longer than {@link #MAX_LENGTH} is kept as it is:
 * values that long are not the repeated kind, and a record from Kafka must not grow the table by more than its own size.
 */
public final class SharedStrings {

    static final int MAX_LENGTH = 256;

    private SharedStrings() {
    }

    public static String of(String value) {
        return value == null || value.length() > MAX_LENGTH ? value : value.intern();
    }

    /** The same list, unmodifiable, its elements shared; null stays null, and a null element is refused as by {@link List#copyOf}. */
    public static List<String> of(List<String> values) {
        return values == null ? null : List.copyOf(values.stream().map(SharedStrings::of).toList());
    }

    /** The same entries in the same order, keys and values shared, unmodifiable; null stays null. */
    public static Map<String, String> of(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> shared = new LinkedHashMap<>(values.size() * 4 / 3 + 1);
        values.forEach((k, v) -> shared.put(of(k), of(v)));
        return Collections.unmodifiableMap(shared);
    }
}
