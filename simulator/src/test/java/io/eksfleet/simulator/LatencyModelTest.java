package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    @Test
    void lognormalHitsItsMedianAndP99() {
        LatencyModel model = LatencyModel.parse("lognormal:40ms,150ms");
        SplittableRandom random = new SplittableRandom(1);
        double[] ms = new double[50_000];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = model.sampleNanos(random) / 1e6;
        }
        Arrays.sort(ms);
        assertThat(ms[ms.length / 2]).isCloseTo(40, within(2.0));
        assertThat(ms[(int) (ms.length * 0.99)]).isCloseTo(150, within(12.0));
    }

    @Test
    void fixedAndUniformStayInRange() {
        SplittableRandom random = new SplittableRandom(2);
        assertThat(LatencyModel.parse("40ms").sampleNanos(random)).isEqualTo(40_000_000L);
        LatencyModel uniform = LatencyModel.parse("uniform:20ms..80ms");
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.sampleNanos(random)).isBetween(20_000_000L, 80_000_000L);
        }
        assertThat(LatencyModel.parse("0").sampleNanos(random)).isZero();
    }

    @Test
    void specsRoundTripAndNonsenseIsRefused() {
        for (String spec : List.of("fixed:40ms", "uniform:20ms..80ms", "lognormal:40ms,150ms", "fixed:2s")) {
            assertThat(LatencyModel.parse(spec).spec()).isEqualTo(spec);
        }
        assertThatThrownBy(() -> LatencyModel.parse("gaussian:1ms")).hasMessageContaining("unknown latency model");
        assertThatThrownBy(() -> LatencyModel.parse("lognormal:150ms,40ms")).hasMessageContaining("P99 >= MEDIAN");
        assertThatThrownBy(() -> LatencyModel.parse("fixed:-3ms")).hasMessageContaining("negative");
        assertThatThrownBy(() -> LatencyModel.parse("fixed:soon")).hasMessageContaining("not a duration");
        assertThat(LatencyModel.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void overridesGoFromOperationToServiceToDefault() {
        LatencySettings settings = LatencySettings.parse(List.of("10ms", "eks=20ms", "eks:DescribeCluster=30ms"));
        assertThat(settings.modelFor(Api.EKS_DESCRIBE_CLUSTER).spec()).isEqualTo("fixed:30ms");
        assertThat(settings.modelFor(Api.EKS_LIST_CLUSTERS).spec()).isEqualTo("fixed:20ms");
        assertThat(settings.modelFor(Api.SSO_GET_ROLE_CREDENTIALS).spec()).isEqualTo("fixed:10ms");
        assertThatThrownBy(() -> LatencySettings.parse(List.of("s3=1ms"))).hasMessageContaining("unknown latency target 's3'");
    }
}
