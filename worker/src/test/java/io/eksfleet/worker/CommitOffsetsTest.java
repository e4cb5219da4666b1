package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitOffsetsTest {

    static final TopicPartition SLOW = new TopicPartition("eksfleet.scan.clusters", 0);
    static final TopicPartition FAST = new TopicPartition("eksfleet.scan.clusters", 1);

    @Test
    void aSlowTaskHoldsBackOnlyItsOwnPartition() {
        CommitOffsets offsets = new CommitOffsets();
        for (long offset = 10; offset < 13; offset++) {
            offsets.started(SLOW, offset);
            offsets.started(FAST, offset);
        }
        offsets.finished(SLOW, 11);
        offsets.finished(SLOW, 12);
        for (long offset = 10; offset < 13; offset++) {
            offsets.finished(FAST, offset);
        }

        Map<TopicPartition, OffsetAndMetadata> commits = offsets.advanced();

        assertThat(commits.get(FAST).offset()).isEqualTo(13);
        assertThat(commits.get(SLOW).offset()).as("10 still runs: nothing after it may be committed").isEqualTo(10);
        assertThat(offsets.anyRunning(List.of(FAST))).isFalse();
        assertThat(offsets.anyRunning(List.of(SLOW))).isTrue();
    }

    @Test
    void aFinishedPrefixIsCommittedOnceAndNothingUnfinishedEverIs() {
        CommitOffsets offsets = new CommitOffsets();
        offsets.started(SLOW, 0);
        offsets.started(SLOW, 1);
        offsets.started(SLOW, 2);
        offsets.finished(SLOW, 0);
        assertThat(offsets.advanced()).containsEntry(SLOW, new OffsetAndMetadata(1));
        assertThat(offsets.advanced()).as("nothing moved").isEmpty();
        offsets.finished(SLOW, 2);
        assertThat(offsets.advanced()).as("1 still runs").isEmpty();
        offsets.finished(SLOW, 1);
        assertThat(offsets.advanced()).containsEntry(SLOW, new OffsetAndMetadata(3));
    }

    @Test
    void aFinalCommitTakesWhatIsFinishedOfTheGivenPartitionsAndForgottenOnesAreGone() {
        CommitOffsets offsets = new CommitOffsets();
        offsets.started(SLOW, 5);
        offsets.started(SLOW, 6);
        offsets.finished(SLOW, 5);
        offsets.started(FAST, 0);
        assertThat(offsets.of(List.of(SLOW))).containsExactly(Map.entry(SLOW, new OffsetAndMetadata(6)));
        offsets.forget(List.of(SLOW));
        assertThat(offsets.of(List.of(SLOW))).isEmpty();
        assertThat(offsets.partitions()).containsExactly(FAST);
    }
}
