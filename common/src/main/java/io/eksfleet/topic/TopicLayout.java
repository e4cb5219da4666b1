package io.eksfleet.topic;

import java.util.List;

/**
 * The partitions eksfleet creates its topics with: the stage topics, with their retry and dead-letter topics,
 * at {@code stagePartitions} (the most workers a stage spreads over), every other topic at its own count, and
 * none above {@code maxPartitions}. It applies when a topic is created; an existing topic keeps its partitions
 * (docs/operations.md says how to raise them).
 */
public record TopicLayout(int stagePartitions, int maxPartitions) {

    /**
     * The most stage partitions eksfleet creates: nine topics get that many each, and a typo of a few thousand
     * would weigh on every broker of the cluster.
     */
    public static final int MAX_STAGE_PARTITIONS = 1000;

    public static final TopicLayout DEFAULT = new TopicLayout(Topics.STAGE_PARTITIONS, Integer.MAX_VALUE);

    public TopicLayout {
        if (stagePartitions < 1 || stagePartitions > MAX_STAGE_PARTITIONS) {
            throw new IllegalArgumentException("stage partitions must be between 1 and " + MAX_STAGE_PARTITIONS + ", not " + stagePartitions);
        }
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("the partition cap must be at least 1, not " + maxPartitions);
        }
    }

    /** The stage topics with {@code count} partitions, the others at their own. */
    public static TopicLayout stages(int count) {
        return new TopicLayout(count, Integer.MAX_VALUE);
    }

    /** The same, with no topic above {@code max} partitions (an embedded broker's few). */
    public TopicLayout capped(int max) {
        return new TopicLayout(stagePartitions, Math.min(maxPartitions, max));
    }

    /** Every topic with the partitions this layout gives it before the cap ({@link #maxPartitions()} applies at creation). */
    public List<Topic<?>> topics() {
        return Topics.all(stagePartitions);
    }

    /** The partitions of a stage topic as created. */
    public int stagePartitionsCreated() {
        return Math.min(stagePartitions, maxPartitions);
    }
}
