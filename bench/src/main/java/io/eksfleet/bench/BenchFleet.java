package io.eksfleet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet of the fleet scenarios, on a {@link LocalFleet}: the standalone broker and one coordinator for the
 * whole scenario, and for each run N fresh worker processes; all with the hub identity in their environment.
 */
final class BenchFleet implements AutoCloseable {

    private final LocalFleet fleet;
    private final LocalFleet.Role coordinator;
    private final List<LocalFleet.Role> workers = new ArrayList<>();

    /**
     * @param coordinatorOptions more options for the coordinator (its account-event settings)
     */
    BenchFleet(Path dir, Map<String, String> env, List<String> coordinatorOptions) throws Exception {
        fleet = new LocalFleet(dir, env, ChildProcess.eksfleet());
        fleet.startBroker();
        List<String> command = new ArrayList<>(List.of("coordinator"));
        command.addAll(coordinatorOptions);
        coordinator = fleet.start("coordinator", "taking scan requests", command);
    }

    String bootstrapServers() {
        return fleet.bootstrapServers();
    }

    /**
     * Replaces the running workers with {@code count} new ones, each in its own process, all in their groups.
     *
     * @param options more options for each worker (its budgets)
     */
    void workers(int count, List<String> options) throws Exception {
        fleet.stop(workers);
        workers.clear();
        List<String> worker = new ArrayList<>(List.of("worker"));
        worker.addAll(options);
        for (int i = 0; i < count; i++) {
            workers.add(fleet.start("worker-" + System.nanoTime(), "worker(s) on", worker));
        }
    }

    /** CPU time the broker, the coordinator and the workers have used so far. */
    double cpuSeconds() throws java.io.IOException {
        return fleet.cpuSeconds();
    }

    /**
     * The peak RSS (VmHWM) in MiB of the broker, the coordinator (over the whole scenario) and each worker (over
     * its warm-up scan and the measured one), by role: {@code broker}, {@code coordinator}, {@code worker-1}...
     */
    Map<String, Long> peakRssMib() throws java.io.IOException {
        Map<String, Long> peaks = new LinkedHashMap<>();
        fleet.brokerPid().ifPresent(pid -> peaks.put("broker", ChildProcess.highWaterMark(pid) / 1024));
        peaks.put("coordinator", ChildProcess.highWaterMark(coordinator.process().pid()) / 1024);
        for (int i = 0; i < workers.size(); i++) {
            peaks.put("worker-" + (i + 1), ChildProcess.highWaterMark(workers.get(i).process().pid()) / 1024);
        }
        return peaks;
    }

    @Override
    public void close() throws Exception {
        fleet.close();
    }
}
