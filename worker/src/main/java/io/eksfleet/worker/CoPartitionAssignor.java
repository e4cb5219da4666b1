package io.eksfleet.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * Assigns partition number {@code i} of every subscribed topic to the same member, so that a worker that
 * owns an account's account tasks also owns its region and cluster tasks ({@code AccountPartitioner} puts
 * them on the same partition number) and fetches the account's credentials once for the fleet.
 *
 * <p>Cooperative and sticky, like Kafka's {@code CooperativeStickyAssignor}: partition numbers stay with
 * their owner while the members stay balanced (each owns {@code floor} or {@code ceil} of numbers over
 * members), and a partition that changes hands is withheld from its new owner until the old one has given
 * it up (it revokes it, and the group rebalances again at once), so a join or leave stops only the
 * partitions that move.
 */
public final class CoPartitionAssignor implements ConsumerPartitionAssignor {

    public static final String NAME = "eksfleet-co-partition";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = groupSubscription.groupSubscription();
        List<String> order = new ArrayList<>(members.keySet());
        order.sort(Comparator.comparing((String m) -> members.get(m).groupInstanceId().orElse(m)));
        Map<String, Integer> counts = new HashMap<>();
        members.values().forEach(s -> s.topics().forEach(t -> {
            Integer n = metadata.partitionCountForTopic(t);
            if (n != null) {
                counts.put(t, n);
            }
        }));
        int numbers = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Map<Integer, String> owners = owners(numbers, order, members);

        Map<TopicPartition, String> currentOwner = new HashMap<>();
        members.forEach((member, s) -> s.ownedPartitions().forEach(p -> currentOwner.put(p, member)));
        Map<String, Assignment> assignment = new LinkedHashMap<>();
        for (String member : order) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : new TreeSet<>(members.get(member).topics())) {
                int count = counts.getOrDefault(topic, 0);
                for (int i = 0; i < count; i++) {
                    TopicPartition p = new TopicPartition(topic, i);
                    String holder = currentOwner.get(p);
                    // Cooperative: a partition still held by another member waits until that member has revoked it.
                    if (member.equals(owners.get(i)) && (holder == null || holder.equals(member))) {
                        partitions.add(p);
                    }
                }
            }
            assignment.put(member, new Assignment(partitions));
        }
        return new GroupAssignment(assignment);
    }

    /**
     * Which member owns each partition number: its previous owner while that keeps the members balanced,
     * the least loaded member otherwise.
     */
    static Map<Integer, String> owners(int numbers, List<String> order, Map<String, Subscription> members) {
        Map<Integer, String> owners = new HashMap<>();
        if (order.isEmpty()) {
            return owners;
        }
        int base = numbers / order.size();
        int extra = numbers % order.size();
        Map<String, Integer> load = new HashMap<>();
        order.forEach(m -> load.put(m, 0));
        Map<Integer, String> previous = previousOwners(members);
        int ceilings = 0;
        for (int i = 0; i < numbers; i++) {
            String owner = previous.get(i);
            if (owner == null || !load.containsKey(owner)) {
                continue;
            }
            int held = load.get(owner);
            boolean underFloor = held < base;
            boolean mayTakeCeiling = held == base && ceilings < extra;
            if (underFloor || mayTakeCeiling) {
                owners.put(i, owner);
                load.put(owner, held + 1);
                if (held + 1 > base) {
                    ceilings++;
                }
            }
        }
        for (int i = 0; i < numbers; i++) {
            if (!owners.containsKey(i)) {
                String least = order.stream().min(Comparator.comparingInt(load::get)).orElseThrow();
                owners.put(i, least);
                load.merge(least, 1, Integer::sum);
            }
        }
        return owners;
    }

    /** The member that owned the most partitions of each number before this rebalance. */
    private static Map<Integer, String> previousOwners(Map<String, Subscription> members) {
        Map<Integer, Map<String, Integer>> votes = new HashMap<>();
        members.forEach((member, s) -> s.ownedPartitions().forEach(p ->
                votes.computeIfAbsent(p.partition(), k -> new HashMap<>()).merge(member, 1, Integer::sum)));
        Map<Integer, String> previous = new HashMap<>();
        votes.forEach((number, byMember) -> previous.put(number,
                byMember.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .orElseThrow().getKey()));
        return previous;
    }
}
