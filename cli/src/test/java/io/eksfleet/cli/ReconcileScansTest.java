package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.cli.coordinator.CoordinatorCommand;
import io.eksfleet.cli.worker.WorkerCommand;
import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code coordinator --rescan-every}: reconcile scans of the whole organisation on a schedule, one period apart,
 * and a coordinator that restarts keeps the schedule instead of starting a round at once; a cluster whose event
 * was lost is repaired by the next round. Real broker, worker and simulator, hub mode.
 */
class ReconcileScansTest {

    static final Organization ORG = OrgGenerator.generate(3, 1, 4, 61);
    static final long PERIOD_MS = 6_000;

    @Test
    void roundsComeOnePeriodApartAcrossACoordinatorRestart() throws Exception {
        System.setProperty("aws.accessKeyId", ORG.hub().accessKeyId());
        System.setProperty("aws.secretAccessKey", ORG.hub().secretAccessKey());
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            String bootstrap = fixture.bootstrapServers();
            WorkerCommand workerCommand = new WorkerCommand();
            try (RunningRole worker = new RunningRole(workerCommand, workerCommand::stop, "worker(s) on", "--bootstrap-servers", bootstrap)) {
                String[] coordinatorArgs = {"--bootstrap-servers", bootstrap, "--assume-role", "ReadOnly", "--rescan-every", PERIOD_MS / 1000 + "s"};
                CoordinatorCommand first = new CoordinatorCommand();
                try (RunningRole coordinator = new RunningRole(first, first::stop, "reconcile scans every", coordinatorArgs)) {
                    Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> rounds(bootstrap).size() >= 2);
                }
                List<Long> before = rounds(bootstrap);
                // A cluster whose creation event was lost: the next round finds it.
                var account = ORG.accounts().get(0);
                String lost = "arn:aws:eks:" + account.regions().get(0) + ":" + account.id() + ":cluster/lost-event";
                fixture.sim.clusters().create(account.id(), account.regions().get(0), "lost-event", "1.33", Map.of(), Duration.ZERO);
                Map<String, String> inventory = new java.util.concurrent.ConcurrentHashMap<>();
                CoordinatorCommand second = new CoordinatorCommand();
                try (RunningRole coordinator = new RunningRole(second, second::stop, "reconcile scans every", coordinatorArgs);
                     io.eksfleet.inventory.InventoryListener listener = new io.eksfleet.inventory.InventoryListener(
                             KafkaClients.at(bootstrap), (arn, record) -> inventory.put(arn, record == null ? "" : record.status()))) {
                    Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> rounds(bootstrap).size() > before.size());
                    Awaitility.await("the lost cluster repaired by the round").atMost(Duration.ofSeconds(30))
                            .until(() -> "ACTIVE".equals(inventory.get(lost)));
                }
                List<Long> rounds = rounds(bootstrap);
                for (int i = 1; i < rounds.size(); i++) {
                    assertThat(rounds.get(i) - rounds.get(i - 1)).as("round " + i + " after round " + (i - 1)).isGreaterThanOrEqualTo(PERIOD_MS);
                }
                assertThat(TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().map(TopicRecords.Raw::value)
                        .filter(v -> v.contains("\"ScanFinished\"") && v.contains("\"complete\""))).hasSizeGreaterThanOrEqualTo(2);
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    /** When each reconcile round started, in order. */
    private static List<Long> rounds(String bootstrap) {
        return TopicRecords.all(bootstrap, Topics.RESULTS.name()).stream().map(TopicRecords.Raw::value)
                .filter(v -> v.contains("\"ScanStarted\"") && v.contains("\"origin\":\"schedule\""))
                .map(v -> ((Number) Messages.MAPPER.readValue(v, Map.class).get("startedAtMs")).longValue()).sorted().toList();
    }
}
