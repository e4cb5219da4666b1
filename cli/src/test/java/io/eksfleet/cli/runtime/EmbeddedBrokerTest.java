package io.eksfleet.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.ProcessOwner;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @TempDir
    Path temp;

    @Test
    void theDataOfABrokerWhoseProcessIsGoneIsRemovedAndALiveOnesIsKept() throws Exception {
        ProcessOwner self = ProcessOwner.current();
        Path deadData = Files.createDirectories(temp.resolve("kafka-dead/broker_0/meta"));
        Files.writeString(deadData.resolve("meta.properties"), "x");
        Path dead = Files.writeString(temp.resolve("eksfleet-broker-1.record"),
                new ProcessOwner(self.pid(), "2001-01-01T00:00:00Z", self.host()).line() + "\n" + temp.resolve("kafka-dead") + "\n");
        Path liveData = Files.createDirectories(temp.resolve("kafka-live"));
        Path live = Files.writeString(temp.resolve("eksfleet-broker-2.record"), self.line() + "\n" + liveData + "\n");
        Path outside = Files.createTempDirectory("outside");
        Path foreign = Files.writeString(temp.resolve("eksfleet-broker-3.record"),
                new ProcessOwner(self.pid(), "2001-01-01T00:00:00Z", self.host()).line() + "\n" + outside + "\n");

        EmbeddedBroker.removeLeftovers(temp);

        assertThat(temp.resolve("kafka-dead")).doesNotExist();
        assertThat(dead).doesNotExist();
        assertThat(liveData).exists();
        assertThat(live).exists();
        assertThat(outside).as("only directories inside the temporary directory are removed").exists();
        assertThat(foreign).doesNotExist();
        Files.delete(outside);
    }

    @Test
    void topicsOnAnEmbeddedBrokerGetAtMostTheGivenPartitionsInOneGo() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            TopicAdmin.ensureTopics(new KafkaClients(kafka), Duration.ofSeconds(30), 3);
            try (Admin admin = Admin.create(kafka)) {
                Map<String, Integer> partitions = new HashMap<>();
                admin.describeTopics(Topics.all().stream().map(Topic::name).toList()).allTopicNames().get()
                        .forEach((name, description) -> partitions.put(name, description.partitions().size()));
                Topics.all().forEach(t -> assertThat(partitions.get(t.name())).as(t.name()).isEqualTo(Math.min(3, t.partitions())));
            }
        }
    }
}
