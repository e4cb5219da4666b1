package io.eksfleet.coordinator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import io.eksfleet.events.ClusterEvents;
import io.eksfleet.scan.ScanStatus;

/**
 * What a platform team alerts on, registered when the coordinator starts, so that every series exists (at 0)
 * before the first scan: scans started and finished by status, scan duration, clusters found, account events
 * by outcome, and the inventory's size and staleness.
 */
public final class CoordinatorMetrics {

    /** Every outcome of an account event. */
    static final List<String> EVENT_OUTCOMES = List.of("accepted", "duplicate", "not-succeeded", "unreadable");

    private final Counter started;
    private final Map<ScanStatus, Counter> finished;
    private final Timer duration;
    private final Counter clustersFound;
    private final Map<String, Counter> accountEvents;
    private final Map<String, Counter> clusterEvents;
    private final Timer clusterEventLatency;
    /** Every outcome of a cluster event. */
    static final List<String> CLUSTER_EVENT_OUTCOMES = List.of("accepted", "duplicate", "failed", "refused-region", "unreadable");

    /**
     * @param inventorySize clusters on the inventory topic
     * @param oldestSeen seconds since the least recently seen cluster of the inventory was seen (0 when empty)
     */
    public CoordinatorMetrics(MeterRegistry registry, Supplier<Number> inventorySize, Supplier<Number> oldestSeen) {
        started = Counter.builder("eksfleet.coordinator.scans.started").description("Scans this coordinator planned and started")
                .register(registry);
        finished = each(List.of(ScanStatus.values()), status -> Counter.builder("eksfleet.coordinator.scans.finished")
                .tag("status", status.wire())
                .description("Scans this coordinator ended, by status").register(registry));
        duration = Timer.builder("eksfleet.coordinator.scan.duration").description("From a scan's start to its end")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        clustersFound = Counter.builder("eksfleet.coordinator.clusters.found").description("Clusters the ended scans found")
                .register(registry);
        accountEvents = each(EVENT_OUTCOMES, outcome -> Counter.builder("eksfleet.coordinator.account.events").tag("outcome", outcome)
                .description("Records of eksfleet.account-events, by what came of them").register(registry));
        clusterEvents = new java.util.HashMap<>();
        for (String event : ClusterEvents.CHANGES) {
            for (String outcome : CLUSTER_EVENT_OUTCOMES) {
                clusterEvents.put(event + "/" + outcome, Counter.builder("eksfleet.coordinator.cluster.events").tag("event", event)
                        .tag("outcome", outcome).description("Records of eksfleet.cluster-events, by EKS call and what came of them")
                        .register(registry));
            }
        }
        clusterEvents.put("unknown/unreadable", Counter.builder("eksfleet.coordinator.cluster.events").tag("event", "unknown")
                .tag("outcome", "unreadable").description("Records of eksfleet.cluster-events, by EKS call and what came of them")
                .register(registry));
        clusterEventLatency = Timer.builder("eksfleet.coordinator.cluster.event.latency")
                .description("From a cluster event reaching Kafka to the inventory written from its look at the cluster")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("eksfleet.coordinator.inventory.clusters", inventorySize).description("Clusters on the inventory topic")
                .register(registry);
        Gauge.builder("eksfleet.coordinator.inventory.oldest.seen.age", oldestSeen).baseUnit("seconds")
                .description("Time since the least recently seen cluster of the inventory was seen by a scan").register(registry);
    }

    private static <T> Map<T, Counter> each(List<T> values, Function<T, Counter> counter) {
        return values.stream().collect(Collectors.toUnmodifiableMap(v -> v, counter));
    }

    void started() {
        started.increment();
    }

    void finished(ScanStatus status, Duration took, int clusters) {
        finished.get(status).increment();
        duration.record(took);
        clustersFound.increment(clusters);
    }

    /** A plan that could not be made ends the scan before it started. */
    void failedToStart() {
        finished.get(ScanStatus.ERROR).increment();
    }

    public void clusterEvent(String event, String outcome) {
        clusterEvents.getOrDefault(event + "/" + outcome, clusterEvents.get("unknown/unreadable")).increment();
    }

    public void clusterEventApplied(Duration latency) {
        clusterEventLatency.record(latency);
    }

    public void accountEvent(String outcome) {
        accountEvents.get(outcome).increment();
    }
}
