package io.eksfleet.simulator;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Counts every call the simulator answered, by operation, account, region and outcome, plus the calls that
 * the SDK marked as retries ({@code amz-sdk-request: attempt=N} with N above 1). Thread-safe; resettable.
 */
public final class CallLog {

    /** One counter: calls of {@code api} for {@code account} in {@code region} that ended in {@code outcome}. */
    public record CallCount(Api api, String account, String region, Outcome outcome, long count) {
    }

    private record Key(Api api, String account, String region, Outcome outcome) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Api, LongAdder> retries = new ConcurrentHashMap<>();
    private final Map<Api, long[]> windows = new ConcurrentHashMap<>();

    void record(Api api, String account, String region, Outcome outcome, int attempt) {
        counts.computeIfAbsent(new Key(api, orDash(account), orDash(region), outcome), k -> new LongAdder()).increment();
        if (attempt > 1) {
            retries.computeIfAbsent(api, k -> new LongAdder()).increment();
        }
        long now = System.nanoTime();
        long[] window = windows.computeIfAbsent(api, k -> new long[] {now, now});
        synchronized (window) {
            window[1] = Math.max(window[1], now);
        }
    }

    /** The time from the first to the last call of these operations since the last reset; zero if none. */
    public java.time.Duration window(Api... apis) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Api api : apis) {
            long[] window = windows.get(api);
            if (window != null) {
                synchronized (window) {
                    first = Math.min(first, window[0]);
                    last = Math.max(last, window[1]);
                }
            }
        }
        return first == Long.MAX_VALUE ? java.time.Duration.ZERO : java.time.Duration.ofNanos(last - first);
    }

    public long count(Api api) {
        return count(c -> c.api() == api);
    }

    public long count(Api api, Outcome outcome) {
        return count(c -> c.api() == api && c.outcome() == outcome);
    }

    public long count(Predicate<CallCount> filter) {
        return snapshot().stream().filter(filter).mapToLong(CallCount::count).sum();
    }

    public long total() {
        return count(c -> true);
    }

    /** Calls that the client sent as a retry of an earlier attempt. */
    public long retries(Api api) {
        LongAdder adder = retries.get(api);
        return adder == null ? 0 : adder.sum();
    }

    public Map<Api, Long> retriesByApi() {
        Map<Api, Long> out = new EnumMap<>(Api.class);
        retries.forEach((api, n) -> out.put(api, n.sum()));
        return out;
    }

    /** Every non-zero counter, sorted by operation, account, region, outcome. */
    public List<CallCount> snapshot() {
        return counts.entrySet().stream()
                .map(e -> new CallCount(e.getKey().api(), e.getKey().account(), e.getKey().region(), e.getKey().outcome(), e.getValue().sum()))
                .filter(c -> c.count() > 0)
                .sorted(Comparator.comparing(CallCount::api).thenComparing(CallCount::account)
                        .thenComparing(CallCount::region).thenComparing(CallCount::outcome))
                .toList();
    }

    public void reset() {
        counts.clear();
        retries.clear();
        windows.clear();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
