package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.simulator.RateLimits;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code eksfleet scan} runs with workers of their own, at once, on one broker: each process's workers run its
 * scan alone. Each run has its own SSO login in its own token cache, so a worker that took the other run's task would
 * find no login for it and fail the task.
 */
class InProcessWorkersTest {

    static final Organization ORG = OrgGenerator.generate(16, 2, 24, 707);

    @TempDir
    Path dir;

    @Test
    void twoScansOnOneBrokerDoNotShareTheirWorkers() throws Exception {
        try (ScanFixture fixture = new ScanFixture(ORG, RateLimits.UNLIMITED)) {
            Path otherCache = Files.createDirectories(dir.resolve("other-cache"));
            fixture.login(ORG, "one");
            fixture.login(ORG, "two", otherCache);
            CompletableFuture<CliRun> one = CompletableFuture.supplyAsync(() -> scan(fixture, "one", fixture.cache));
            CompletableFuture<CliRun> two = CompletableFuture.supplyAsync(() -> scan(fixture, "two", otherCache));
            for (CliRun run : List.of(one.get(), two.get())) {
                assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
                assertThat(run.err()).doesNotContain("CommitFailedException");
                assertThat(run.out()).contains("16 planned, 16 scanned, 0 skipped, 0 failed");
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.bootstrapServers()))) {
                List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
                assertThat(groups).as("the runs' own groups are gone with them; the fleet's was never joined")
                        .noneMatch(g -> g.startsWith(Worker.STAGE_GROUP) || g.startsWith(Worker.RETRY_GROUP));
            }
        }
    }

    private CliRun scan(ScanFixture fixture, String session, Path cache) {
        List<String> args = new java.util.ArrayList<>(fixture.scanArgs(ORG, session, dir.resolve(session + "-kubeconfig"),
                dir.resolve(session + "-aws-config")));
        args.set(args.indexOf("--sso-cache") + 1, cache.toString());
        args.addAll(List.of("--workers", "2", "--scan-timeout", Duration.ofMinutes(2).toSeconds() + "s"));
        return CliRun.of(args.toArray(String[]::new));
    }
}
