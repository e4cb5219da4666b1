package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class DurabilityTest {

    @Test
    void threeCopiesNeedTwoForAWriteTwoCopiesOneAndASingleBrokerOne() {
        assertThat(Durability.forBrokers(1)).isEqualTo(new Durability((short) 1, 1));
        assertThat(Durability.forBrokers(2)).isEqualTo(new Durability((short) 2, 1));
        assertThat(Durability.forBrokers(3)).isEqualTo(new Durability((short) 3, 2));
        assertThat(Durability.forBrokers(9)).isEqualTo(new Durability((short) 3, 2));
        // A topic its owner made with more copies: a majority of them.
        assertThat(Durability.forReplication(5).minInsyncReplicas()).isEqualTo(3);
    }

    @Test
    void theSettingJoinsTheTopicsOwn() {
        NewTopic topic = Durability.forBrokers(3).applyTo(Topics.INVENTORY.newTopic((short) 3, 12));
        assertThat(topic.configs()).containsAllEntriesOf(Topics.INVENTORY.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(Durability.forBrokers(1).configs()).isEqualTo(Map.of("min.insync.replicas", "1"));
    }
}
