package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.SkipReason;
import io.eksfleet.topic.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RequestIntakeTest {

    final WrittenToKafka kafka = new WrittenToKafka();
    final List<ScanRequest> started = new ArrayList<>();
    final Set<String> running = new HashSet<>();
    final RequestIntake intake = new RequestIntake(request -> started.add(request), running::contains, ScanEnding.ofFleet(kafka));

    static ScanRequest request(String scanId, long timeoutMs) {
        return new ScanRequest(VersionedMessage.VERSION, scanId, Access.viaHub(new HubSource(null, "us-east-1"), "EksFleetReader"), List.of(),
                List.of(), List.of(), List.of(), List.of(), "enabled", timeoutMs, 0, "cli", null);
    }

    static ConsumerRecord<String, Decoded> record(Decoded value) {
        return new ConsumerRecord<>(Topics.REQUESTS.name(), 0, 7, "key", value);
    }

    @Test
    void aRequestThatCanBePlannedStartsItsScan() throws InterruptedException {
        intake.serve(record(new Decoded(request("good", 60_000), null, null, null)));
        assertThat(started).extracting(ScanRequest::scanId).containsExactly("good");
        assertThat(kafka.events).isEmpty();
    }

    @Test
    void aBadRequestIsRefusedAndItsScanEndsWithAnErrorSayingWhy() throws InterruptedException {
        intake.serve(record(new Decoded(request("bad", 0), null, null, null)));
        assertThat(started).isEmpty();
        assertThat(kafka.finished()).singleElement().satisfies(f -> {
            assertThat(f.scanId()).isEqualTo("bad");
            assertThat(f.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(f.error()).startsWith("bad scan request: timeoutMs");
        });
    }

    @Test
    void aRequestWithoutAScanIdOrUnreadableEndsNothing() throws InterruptedException {
        intake.serve(record(new Decoded(request(null, 60_000), null, null, null)));
        intake.serve(record(Decoded.poison(new byte[] {1}, SkipReason.values()[0], "not JSON")));
        intake.serve(record(null));
        assertThat(started).isEmpty();
        assertThat(kafka.events).isEmpty();
    }

    @Test
    void aBadRequestReusingARunningScansIdLeavesThatScanAlone() throws InterruptedException {
        running.add("theirs");
        intake.serve(record(new Decoded(request("theirs", 0), null, null, null)));
        assertThat(started).isEmpty();
        assertThat(kafka.events).isEmpty();
    }

    @Test
    void aRequestNamingACommandsOwnWorkersIsRefused() throws InterruptedException {
        ScanRequest request = request("own", 60_000);
        ScanRequest withWorkers = new ScanRequest(request.v(), request.scanId(), request.access(), request.rolePrefixes(), request.accounts(),
                request.accountPatterns(), request.excludeAccounts(), request.regions(), request.regionMode(), request.timeoutMs(),
                request.accessRetryMs(), request.origin(), "nobody");
        intake.serve(record(new Decoded(withWorkers, null, null, null)));
        assertThat(started).isEmpty();
        assertThat(kafka.finished()).singleElement().satisfies(f -> assertThat(f.error()).contains("workers"));
    }
}
