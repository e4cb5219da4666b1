package io.eksfleet.coordinator;

import io.eksfleet.inventory.InventoryRecord;

import io.eksfleet.inventory.InventoryListener;

import io.eksfleet.scan.ClusterArn;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code eksfleet.clusters} current from the scans' events: a record for every cluster a scan finds,
 * and a tombstone for every cluster of an account and region that a scan listed completely
 * ({@link ScanEvent.RegionScanned}) without it. A region whose listing failed sends no RegionScanned, so a
 * partial scan never removes what it did not see. It knows the inventory by reading the topic first.
 */
public final class InventoryWriter implements InventoryView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryWriter.class);

    private final KafkaProducer<String, byte[]> producer;
    /** The names of the accounts on the inventory, by id: events name an account by its id only. */
    private final Map<String, String> accountNames = new ConcurrentHashMap<>();
    /** ARNs in the inventory, by {@code accountId/region}. */
    private final Map<String, Set<String>> arnsByRegion = new ConcurrentHashMap<>();
    /** The inventory's record of each cluster, by ARN. */
    private final Map<String, InventoryRecord> records = new ConcurrentHashMap<>();

    /** Loads the current inventory, then writes its changes. */
    public static InventoryWriter start(KafkaClients kafka, Duration timeout) throws InterruptedException {
        InventoryWriter writer = new InventoryWriter(kafka);
        try (InventoryListener reader = new InventoryListener(kafka, writer::remember)) {
            if (!reader.awaitCaughtUp(timeout)) {
                writer.close();
                throw new IllegalStateException("could not read " + Topics.INVENTORY.name() + " within " + timeout.toSeconds() + " s");
            }
        }
        return writer;
    }

    private InventoryWriter(KafkaClients kafka) {
        producer = kafka.producer(KafkaClients.Partitioning.BY_KEY);
    }

    private void remember(String arn, InventoryRecord record) {
        if (record == null) {
            arnsByRegion.values().forEach(arns -> arns.remove(arn));
            records.remove(arn);
        } else {
            arnsByRegion.computeIfAbsent(record.accountId() + "/" + record.region(), k -> ConcurrentHashMap.newKeySet()).add(arn);
            records.put(arn, record);
            accountNames.put(record.accountId(), record.accountName());
        }
    }

    @Override
    public String accountName(String accountId) {
        return accountNames.getOrDefault(accountId, accountId);
    }

    /** Clusters on the inventory. */
    int size() {
        return records.size();
    }

    /** Since when the least recently seen cluster of the inventory has not been seen; zero when it is empty. */
    Duration oldestSeen() {
        return records.values().stream().map(InventoryRecord::lastSeenAt).min(java.util.Comparator.naturalOrder())
                .map(seen -> Duration.between(seen, Instant.now())).orElse(Duration.ZERO);
    }

    @Override
    public Collection<InventoryRecord> records() {
        return List.copyOf(records.values());
    }

    /** Applies one event of a scan whose plan is {@code plan}. */
    public void apply(ScanEvent.ScanStarted plan, ScanEvent event) {
        if (event instanceof ScanEvent.ClusterFound found) {
            String seenBy = ScanOrigin.of(plan.origin()) == ScanOrigin.CLUSTER_EVENT ? InventoryRecord.BY_EVENT : InventoryRecord.BY_SCAN;
            InventoryRecord record = InventoryRecord.of(found.cluster(), plan.access(), plan.scanId(), Instant.now(),
                    records.get(found.cluster().arn()), seenBy);
            remember(record.arn(), record);
            send(record.arn(), record);
        } else if (event instanceof ScanEvent.RegionScanned listed) {
            Set<String> present = new HashSet<>();
            listed.clusters().forEach(name -> present.add(arn(listed, name)));
            Set<String> known = arnsByRegion.getOrDefault(listed.accountId() + "/" + listed.region(), Set.of());
            for (String arn : List.copyOf(known)) {
                if (!present.contains(arn)) {
                    known.remove(arn);
                    records.remove(arn);
                    send(arn, null);
                    LOG.info("cluster {} is gone (scan {} listed its region completely): tombstone", arn, plan.scanId());
                }
            }
        }
    }

    /** Null for a name no cluster ARN can hold: it matches no cluster of the inventory. */
    private static String arn(ScanEvent.RegionScanned listed, String name) {
        try {
            return ClusterArn.of(listed.region(), listed.accountId(), name).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void send(String arn, InventoryRecord record) {
        producer.send(record == null ? Topics.INVENTORY.record(arn, null) : Topics.INVENTORY.record(record), (metadata, error) -> {
            if (error != null) {
                LOG.warn("could not write {} to {}; the next scan of its region writes it again: {}", arn,
                        Topics.INVENTORY.name(), error.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
