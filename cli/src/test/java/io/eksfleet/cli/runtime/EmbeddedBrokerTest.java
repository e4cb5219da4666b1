package io.eksfleet.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.host.ProcessOwner;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
