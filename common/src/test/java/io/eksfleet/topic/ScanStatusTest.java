package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScanStatusTest {

    final RecordDeserializer reader = new RecordDeserializer();

    @ParameterizedTest
    @EnumSource(ScanStatus.class)
    void aStatusIsItsWireStringOnTheResultsTopicAndReadsBackAsItself(ScanStatus status) {
        String json = Messages.MAPPER.writeValueAsString(new ScanEvent.ScanFinished(VersionedMessage.VERSION, "scan-1", status, null,
                Map.of(), 1L, CallUsage.NONE));
        assertThat(json).contains("\"status\":\"" + status.wire() + "\"");
        Decoded read = reader.deserialize(Topics.RESULTS.name(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.isPoison()).as(read.poison()).isFalse();
        assertThat(((ScanEvent.ScanFinished) read.as(ScanEvent.class)).status()).isSameAs(status);
    }

    @Test
    void theWireStringsAreTheContractsAndNothingElseIsAStatus() {
        assertThat(ScanStatus.values()).extracting(ScanStatus::wire)
                .containsExactly("complete", "completed-with-failures", "timeout", "error");
        assertThat(ScanStatus.of("completed-with-failures")).isEqualTo(ScanStatus.COMPLETED_WITH_FAILURES);
        assertThatThrownBy(() -> ScanStatus.of("COMPLETE")).isInstanceOf(IllegalArgumentException.class);
    }
}
