package io.eksfleet.worker;

import io.eksfleet.budget.Budgets;
import io.eksfleet.topic.Topics;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * This worker's share of the fleet: the stage partitions it owns over all stage partitions. The budgets
 * follow it, so the fleet's total rate stays at the configured budget as workers join and leave, and as an
 * operator raises the stage topics' partitions.
 */
final class FleetShare {

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile int total;
    private final Budgets budgets;

    /**
     * @param total the stage topics' partitions as the broker has them: topics created elsewhere may have other
     *     counts than the registry's, and a share taken of the wrong total would shrink every budget
     */
    FleetShare(Budgets budgets, int total) {
        this.budgets = budgets;
        this.total = total;
    }

    void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(stageOnly(partitions));
        update();
    }

    /**
     * The stage topics' partitions as a consumer of them knows them now: an operator may raise them while the
     * fleet runs, and a share taken of the old total would multiply every fleet-wide budget by the factor they grew.
     */
    void total(int partitions) {
        if (partitions > 0 && partitions != total) {
            total = partitions;
            update();
        }
    }

    void revoked(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        update();
    }

    private void update() {
        if (!owned.isEmpty()) {
            budgets.share((double) owned.size() / total);
        }
    }

    private static Collection<TopicPartition> stageOnly(Collection<TopicPartition> partitions) {
        Set<String> stages = new java.util.HashSet<>();
        Topics.STAGES.forEach(t -> stages.add(t.name()));
        return partitions.stream().filter(p -> stages.contains(p.topic())).toList();
    }
}
