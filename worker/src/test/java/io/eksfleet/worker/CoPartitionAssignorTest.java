package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CoPartitionAssignorTest {

    static final List<String> TOPICS = List.of("accounts", "regions", "clusters");
    static final Node BROKER = new Node(1, "localhost", 9092);
    static final Cluster CLUSTER = cluster(24);

    final CoPartitionAssignor assignor = new CoPartitionAssignor();

    @Test
    void partitionNumberIOfEveryTopicGoesToOneMemberAndTheMembersAreBalanced() {
        Map<String, List<TopicPartition>> assignment = assign(Map.of("a", List.of(), "b", List.of(), "c", List.of()));
        Map<Integer, String> ownerOfNumber = new HashMap<>();
        assignment.forEach((member, partitions) -> partitions.forEach(p -> {
            String previous = ownerOfNumber.putIfAbsent(p.partition(), member);
            assertThat(previous == null || previous.equals(member)).as("number " + p.partition()).isTrue();
        }));
        assertThat(ownerOfNumber).hasSize(24);
        assignment.values().forEach(partitions -> assertThat(partitions).hasSize(8 * TOPICS.size()));
    }

    @Test
    void aJoiningMemberTakesOnlyItsShareAndNothingStillHeldByAnother() {
        Map<String, List<TopicPartition>> before = assign(Map.of("a", List.of(), "b", List.of()));
        Map<String, List<TopicPartition>> owned = new HashMap<>(before);
        owned.put("c", List.of());
        Map<String, List<TopicPartition>> first = assign(owned);
        // Sticky: a and b keep what they keep, and give up only what moves to c...
        assertThat(before.get("a")).containsAll(first.get("a"));
        assertThat(before.get("b")).containsAll(first.get("b"));
        // ...which c gets only once they have revoked it (cooperative).
        assertThat(first.get("c")).isEmpty();

        Map<String, List<TopicPartition>> second = assign(first);
        assertThat(second.get("a")).isEqualTo(first.get("a"));
        assertThat(second.get("b")).isEqualTo(first.get("b"));
        Set<TopicPartition> all = new HashSet<>();
        second.values().forEach(all::addAll);
        assertThat(all).hasSize(24 * TOPICS.size());
        second.values().forEach(partitions -> assertThat(partitions).hasSize(8 * TOPICS.size()));
    }

    @Test
    void aLeavingMembersNumbersGoToTheOthers() {
        Map<String, List<TopicPartition>> three = assign(assign(Map.of("a", List.of(), "b", List.of(), "c", List.of())));
        Map<String, List<TopicPartition>> owned = new HashMap<>(three);
        owned.remove("c");
        Map<String, List<TopicPartition>> two = assign(owned);
        assertThat(two.get("a")).containsAll(three.get("a")).hasSize(12 * TOPICS.size());
        assertThat(two.get("b")).containsAll(three.get("b")).hasSize(12 * TOPICS.size());
    }

    private Map<String, List<TopicPartition>> assign(Map<String, List<TopicPartition>> owned) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        owned.forEach((member, partitions) -> subscriptions.put(member, new Subscription(TOPICS, null, partitions)));
        Map<String, List<TopicPartition>> out = new HashMap<>();
        assignor.assign(CLUSTER, new GroupSubscription(subscriptions)).groupAssignment()
                .forEach((member, assignment) -> out.put(member, assignment.partitions()));
        return out;
    }

    private static Cluster cluster(int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (String topic : TOPICS) {
            for (int i = 0; i < partitions; i++) {
                infos.add(new PartitionInfo(topic, i, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
            }
        }
        return new Cluster("test", List.of(BROKER), infos, Set.of(), Set.of());
    }
}
