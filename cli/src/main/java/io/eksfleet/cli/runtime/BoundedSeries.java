package io.eksfleet.cli.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps {@code /metrics} to the series a dashboard and the alerts use: Micrometer's percentile histograms
 * (some 60 buckets each) become 1-2-5 steps between the meter's expected minimum and maximum (a dozen buckets), and the
 * Kafka clients' per-broker metrics (a dozen per broker for each consumer) are dropped. The per-partition client
 * metrics never reach the registry (the worker binds only the client-wide ones).
 */
final class BoundedSeries {

    private BoundedSeries() {
    }

    static final MeterFilter NO_PER_BROKER_METRICS = MeterFilter.denyNameStartsWith("kafka.consumer.node.");

    static final MeterFilter HISTOGRAM_STEPS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            Double min = config.getMinimumExpectedValueAsDouble();
            Double max = config.getMaximumExpectedValueAsDouble();
            if (!Boolean.TRUE.equals(config.isPercentileHistogram()) || min == null || max == null) {
                return config;
            }
            return DistributionStatisticConfig.builder().percentilesHistogram(false).serviceLevelObjectives(steps(min, max))
                    .build().merge(config);
        }
    };

    /** 1, 2, 5, 10, 20, ... from the step at or below {@code min} up to {@code max}, which is the last bucket. */
    static double[] steps(double min, double max) {
        List<Double> steps = new ArrayList<>();
        double decade = Math.pow(10, Math.floor(Math.log10(min)));
        double[] factors = {1, 2, 5};
        int first = min >= 5 * decade ? 2 : min >= 2 * decade ? 1 : 0;
        for (int i = first; ; i = (i + 1) % 3) {
            double step = factors[i] * decade;
            if (step >= max) {
                steps.add(max);
                return steps.stream().mapToDouble(Double::doubleValue).toArray();
            }
            steps.add(step);
            if (i == 2) {
                decade *= 10;
            }
        }
    }
}
