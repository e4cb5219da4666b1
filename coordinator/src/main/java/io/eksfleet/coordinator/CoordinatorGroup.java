package io.eksfleet.coordinator;

import io.eksfleet.topic.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Whether a coordinator is running: the coordinators' consumer group has a member. Asked before a scan is handed
 * to a fleet, so that a fleet without one is named in seconds rather than after the whole connect timeout.
 */
public final class CoordinatorGroup {

    /** How often the group is asked again while a coordinator may still be joining. */
    private static final long ASK_EVERY_MILLIS = 500;

    /** States of a group that a member is joining. */
    private static final java.util.Set<GroupState> REBALANCING = java.util.EnumSet.of(GroupState.PREPARING_REBALANCE,
            GroupState.COMPLETING_REBALANCE, GroupState.ASSIGNING, GroupState.RECONCILING);

    private CoordinatorGroup() {
    }

    /**
     * Whether the group has a member now, or gets one within {@code wait} while one is joining; false also when
     * Kafka does not say.
     */
    public static boolean hasMember(KafkaClients kafka, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (Admin admin = kafka.admin(wait)) {
            while (true) {
                try {
                    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(CoordinatorService.GROUP))
                            .describedGroups().get(CoordinatorService.GROUP).get(wait.toMillis(), TimeUnit.MILLISECONDS);
                    if (!group.members().isEmpty()) {
                        return true;
                    }
                    if (!REBALANCING.contains(group.groupState())) {
                        // Empty, or never seen: nobody is on the way.
                        return false;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return false;
                    }
                    // Not known yet: asked again until the wait is over.
                } catch (TimeoutException e) {
                    // Asked again until the wait is over.
                }
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ASK_EVERY_MILLIS) > deadline) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(ASK_EVERY_MILLIS);
            }
        }
    }
}
