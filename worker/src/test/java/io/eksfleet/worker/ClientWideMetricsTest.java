package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ClientWideMetricsTest {

    @Test
    void keepsTheClientWideMetricsAndDropsThePerTopicAndPerPartitionOnes() {
        MetricName clientLag = name(Map.of("client-id", "c"));
        MetricName topicBytes = name(Map.of("client-id", "c", "topic", "t"));
        MetricName partitionLag = name(Map.of("client-id", "c", "topic", "t", "partition", "0"));
        Map<MetricName, Metric> kept = ClientWideMetrics.clientWide(Map.of(clientLag, metric(clientLag), topicBytes, metric(topicBytes),
                partitionLag, metric(partitionLag)));
        assertThat(kept).containsOnlyKeys(clientLag);
    }

    private static MetricName name(Map<String, String> tags) {
        return new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "", tags);
    }

    private static Metric metric(MetricName name) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return 0.0;
            }
        };
    }
}
