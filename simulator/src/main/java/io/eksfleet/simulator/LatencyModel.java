package io.eksfleet.simulator;

import io.eksfleet.time.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long the simulator waits before it answers a call. Written as {@code 0}, {@code fixed:40ms} (or just
 * {@code 40ms}), {@code uniform:20ms..80ms}, or {@code lognormal:40ms,150ms} (median, p99). Durations take
 * {@code ms} or {@code s}.
 */
public sealed interface LatencyModel {

    LatencyModel NONE = new Fixed(Duration.ZERO);

    long sampleNanos(RandomGenerator random);

    /** The mean delay, for performance bounds. */
    double meanNanos();

    String spec();

    record Fixed(Duration delay) implements LatencyModel {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return delay.toNanos();
        }

        @Override
        public double meanNanos() {
            return delay.toNanos();
        }

        @Override
        public String spec() {
            return delay.isZero() ? "0" : "fixed:" + format(delay);
        }
    }

    record Uniform(Duration min, Duration max) implements LatencyModel {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return min.toNanos() + (long) (random.nextDouble() * (max.toNanos() - min.toNanos()));
        }

        @Override
        public double meanNanos() {
            return (min.toNanos() + max.toNanos()) / 2.0;
        }

        @Override
        public String spec() {
            return "uniform:" + format(min) + ".." + format(max);
        }
    }

    /** Log-normal with the given median and 99th percentile: heavy-tailed like real API latency. */
    record LogNormal(Duration median, Duration p99) implements LatencyModel {
        private static final double Z_99 = 2.3263478740408408;

        @Override
        public long sampleNanos(RandomGenerator random) {
            double mu = Math.log(median.toNanos());
            double sigma = Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
            return (long) Math.exp(mu + sigma * random.nextGaussian());
        }

        @Override
        public double meanNanos() {
            double sigma = Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
            return median.toNanos() * Math.exp(sigma * sigma / 2);
        }

        @Override
        public String spec() {
            return "lognormal:" + format(median) + "," + format(p99);
        }
    }

    /** Parses a latency spec; see the interface's description for the forms. */
    static LatencyModel parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0") || s.equals("none")) {
            return NONE;
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "fixed" : s.substring(0, colon);
        String args = colon < 0 ? s : s.substring(colon + 1);
        switch (kind) {
            case "fixed":
                return new Fixed(duration(args));
            case "uniform": {
                String[] parts = args.split("\\.\\.");
                require(parts.length == 2, spec);
                Duration min = duration(parts[0]);
                Duration max = duration(parts[1]);
                require(min.compareTo(max) <= 0, spec);
                return new Uniform(min, max);
            }
            case "lognormal": {
                String[] parts = args.split(",");
                require(parts.length == 2, spec);
                Duration median = duration(parts[0]);
                Duration p99 = duration(parts[1]);
                require(!median.isZero() && p99.compareTo(median) >= 0, spec);
                return new LogNormal(median, p99);
            }
            default:
                throw new IllegalArgumentException("unknown latency model '" + spec
                        + "': use 0, fixed:40ms, uniform:20ms..80ms or lognormal:40ms,150ms");
        }
    }

    static Duration duration(String text) {
        return Durations.parse(text);
    }

    private static void require(boolean ok, String spec) {
        if (!ok) {
            throw new IllegalArgumentException("bad latency '" + spec
                    + "': use fixed:40ms, uniform:MIN..MAX (MIN <= MAX) or lognormal:MEDIAN,P99 (P99 >= MEDIAN > 0)");
        }
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        return nanos % 1_000_000L == 0 ? (nanos / 1_000_000L) + "ms" : (nanos / 1e6) + "ms";
    }
}
