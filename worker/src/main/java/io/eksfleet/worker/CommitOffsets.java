package io.eksfleet.worker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The commit rule of a {@link StageConsumer}: per partition, the offset below which every started task has
 * finished. A slow task holds back only its own partition's offset; every other partition commits as its
 * tasks finish. Confined to the consumer's thread.
 */
final class CommitOffsets {

    /** Offsets started and not yet finished, the highest started, and the last offset handed out to commit. */
    private static final class Partition {
        final TreeSet<Long> running = new TreeSet<>();
        long highest = -1;
        long committed = -1;

        long committable() {
            return running.isEmpty() ? highest + 1 : running.first();
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    void started(TopicPartition partition, long offset) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition());
        p.running.add(offset);
        p.highest = Math.max(p.highest, offset);
    }

    void finished(TopicPartition partition, long offset) {
        Partition p = partitions.get(partition);
        if (p != null) {
            p.running.remove(offset);
        }
    }

    /** The partitions whose committable offset moved since the last call, with that offset. */
    Map<TopicPartition, OffsetAndMetadata> advanced() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((partition, p) -> {
            long offset = p.committable();
            if (offset > p.committed && p.highest >= 0) {
                commits.put(partition, new OffsetAndMetadata(offset));
                p.committed = offset;
            }
        });
        return commits;
    }

    /** The committable offset of each of these partitions that started a task, moved or not: a final commit. */
    Map<TopicPartition, OffsetAndMetadata> of(Collection<TopicPartition> wanted) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : wanted) {
            Partition p = partitions.get(partition);
            if (p != null && p.highest >= 0) {
                commits.put(partition, new OffsetAndMetadata(p.committable()));
            }
        }
        return commits;
    }

    /** Whether the task at {@code offset} started on the partition, still held, and has not finished. */
    boolean running(TopicPartition partition, long offset) {
        Partition p = partitions.get(partition);
        return p != null && p.running.contains(offset);
    }

    boolean anyRunning(Collection<TopicPartition> wanted) {
        return wanted.stream().anyMatch(p -> partitions.containsKey(p) && !partitions.get(p).running.isEmpty());
    }

    java.util.Set<TopicPartition> partitions() {
        return partitions.keySet();
    }

    void forget(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
    }
}
