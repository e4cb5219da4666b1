package io.eksfleet.cli.inventory;

import io.eksfleet.inventory.InventoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inventory topic's records in the order they were written, so that the inventory at any time they still
 * cover can be rebuilt: compaction keeps at least the last hour of changes (and every tombstone for a week),
 * older history only where the broker has not compacted it yet.
 */
final class InventoryHistory {

    /** One record: a cluster, or a tombstone ({@code record} null). */
    record Written(String arn, InventoryRecord record, Instant at) {
    }

    /** A field that differs between the cluster then and now. */
    record Change(String field, Object from, Object to) {
    }

    /**
     * What changed since a point in time.
     *
     * @param added clusters that were not in the inventory then
     * @param removed clusters that were, as they were last
     * @param changed clusters whose Kubernetes version, status, tags or endpoint differ, with those fields
     */
    record Changes(List<InventoryRecord> added, List<InventoryRecord> removed, Map<InventoryRecord, List<Change>> changed) {
    }

    private static final Map<String, Function<InventoryRecord, Object>> COMPARED = fields();

    private final List<Written> written = new ArrayList<>();

    synchronized void add(String arn, InventoryRecord record, Instant at) {
        written.add(new Written(arn, record, at));
    }

    /** When the first record a scan wrote was written: the inventory just before it is "before that scan". */
    synchronized Optional<Instant> firstWrittenBy(String scanId) {
        return written.stream().filter(w -> w.record() != null && scanId.equals(w.record().lastSeenScanId())).map(Written::at)
                .min(Instant::compareTo);
    }

    synchronized Instant oldest() {
        return written.stream().map(Written::at).min(Instant::compareTo).orElse(Instant.now());
    }

    synchronized Changes since(Instant since) {
        Map<String, InventoryRecord> then = state(w -> w.at().isBefore(since));
        Map<String, InventoryRecord> now = state(w -> true);
        List<InventoryRecord> added = new ArrayList<>();
        Map<InventoryRecord, List<Change>> changed = new LinkedHashMap<>();
        now.forEach((arn, record) -> {
            InventoryRecord before = then.get(arn);
            if (before == null) {
                added.add(record);
                return;
            }
            List<Change> changes = new ArrayList<>();
            COMPARED.forEach((field, value) -> {
                if (!Objects.equals(value.apply(before), value.apply(record))) {
                    changes.add(new Change(field, value.apply(before), value.apply(record)));
                }
            });
            if (!changes.isEmpty()) {
                changed.put(record, changes);
            }
        });
        List<InventoryRecord> removed = then.entrySet().stream().filter(e -> !now.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new Changes(added, removed, changed);
    }

    private Map<String, InventoryRecord> state(java.util.function.Predicate<Written> upTo) {
        Map<String, InventoryRecord> state = new HashMap<>();
        for (Written w : written) {
            if (!upTo.test(w)) {
                continue;
            }
            if (w.record() == null) {
                state.remove(w.arn());
            } else {
                state.put(w.arn(), w.record());
            }
        }
        return state;
    }

    private static Map<String, Function<InventoryRecord, Object>> fields() {
        Map<String, Function<InventoryRecord, Object>> fields = new LinkedHashMap<>();
        fields.put("kubernetesVersion", InventoryRecord::kubernetesVersion);
        fields.put("status", InventoryRecord::status);
        fields.put("tags", InventoryRecord::tags);
        fields.put("endpoint", InventoryRecord::endpoint);
        return fields;
    }
}
