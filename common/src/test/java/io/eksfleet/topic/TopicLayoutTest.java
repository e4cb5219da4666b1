package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    @Test
    void theStageTopicsAndTheirRetryAndDeadLetterTopicsTakeTheChosenCountTheOthersKeepTheirs() {
        Map<String, Integer> partitions = TopicLayout.stages(96).topics().stream().collect(Collectors.toMap(Topic::name, Topic::partitions));

        for (Topic<?> stage : Topics.STAGES) {
            assertThat(partitions.get(stage.name())).as(stage.name()).isEqualTo(96);
            assertThat(partitions.get(Topics.retryOf(stage).name())).as("retry of " + stage.name()).isEqualTo(96);
            assertThat(partitions.get(Topics.deadLetterOf(stage).name())).as("dead letters of " + stage.name()).isEqualTo(96);
        }
        assertThat(partitions).containsEntry(Topics.RESULTS.name(), Topics.RESULTS.partitions())
                .containsEntry(Topics.INVENTORY.name(), Topics.INVENTORY.partitions())
                .containsEntry(Topics.REQUESTS.name(), Topics.REQUESTS.partitions())
                .hasSize(Topics.all().size());
        assertThat(TopicLayout.DEFAULT.topics()).isEqualTo(Topics.all());
    }

    @Test
    void aCapLowersEveryTopicAndTheCountIsBounded() {
        assertThat(TopicLayout.stages(96).capped(6).stagePartitionsCreated()).isEqualTo(6);
        assertThat(TopicLayout.stages(4).capped(6).stagePartitionsCreated()).isEqualTo(4);
        assertThat(TopicLayout.DEFAULT.capped(6).capped(9).maxPartitions()).isEqualTo(6);
        assertThatThrownBy(() -> TopicLayout.stages(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> TopicLayout.stages(TopicLayout.MAX_STAGE_PARTITIONS + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
