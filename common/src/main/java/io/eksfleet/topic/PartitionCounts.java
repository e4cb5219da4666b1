package io.eksfleet.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The existing stage, retry and dead-letter topics with fewer partitions than they should have: fewer than the
 * layout's stage partitions (a fleet whose setting was raised after its topics were created), or a retry or
 * dead-letter topic with fewer than its stage (raised in part). Kafka never lowers a count, so more is fine.
 */
final class PartitionCounts {

    private PartitionCounts() {
    }

    /** A line per such topic, with the command that raises it. */
    static List<String> tooFew(Admin admin, Set<String> existing, TopicLayout layout, KafkaClients kafka, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        // Retry and dead-letter topics first: the order in which they are to be raised (docs/operations.md).
        Map<String, String> stageOf = new LinkedHashMap<>();
        Topics.STAGES.forEach(s -> stageOf.put(Topics.retryOf(s).name(), s.name()));
        Topics.STAGES.forEach(s -> stageOf.put(Topics.deadLetterOf(s).name(), s.name()));
        Topics.STAGES.forEach(s -> stageOf.put(s.name(), s.name()));
        List<String> present = stageOf.keySet().stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> lines = new ArrayList<>();
        for (String name : present) {
            int count = described.get(name).partitions().size();
            TopicDescription stage = described.get(stageOf.get(name));
            int wanted = Math.max(layout.stagePartitionsCreated(), stage == null ? 0 : stage.partitions().size());
            if (count < wanted) {
                lines.add("topic " + name + " has " + count + " partitions where eksfleet wants " + wanted
                        + " (stage-partitions, and as many as its stage topic): raise them as docs/operations.md says, "
                        + "kafka-topics.sh --bootstrap-server " + kafka.bootstrapServers() + " --alter --topic " + name
                        + " --partitions " + wanted);
            }
        }
        return lines;
    }
}
