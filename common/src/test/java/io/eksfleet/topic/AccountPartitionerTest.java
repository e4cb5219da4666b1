package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class AccountPartitionerTest {

    static final Node BROKER = new Node(1, "localhost", 9092);

    @Test
    void anAccountsTasksOfEveryStageLandOnOnePartitionNumber() {
        AccountPartitioner partitioner = new AccountPartitioner();
        Cluster cluster = cluster(24, "accounts", "regions", "clusters");
        for (String account : List.of("111111111111", "210987654321", "999999999999", "000000000042")) {
            int p = partition(partitioner, cluster, "accounts", account);
            assertThat(partition(partitioner, cluster, "regions", account + "/eu-west-1")).isEqualTo(p);
            assertThat(partition(partitioner, cluster, "regions", account + "/ap-southeast-2")).isEqualTo(p);
            assertThat(partition(partitioner, cluster, "clusters", "arn:aws:eks:us-east-1:" + account + ":cluster/prod")).isEqualTo(p);
        }
    }

    @Test
    void keysThatNameNoAccountAreHashedLikeKafkasDefault() {
        AccountPartitioner partitioner = new AccountPartitioner();
        Cluster cluster = cluster(6, "results");
        String scanId = "3f0c2b1a-9d8e-4f7a-b6c5-d4e3f2a1b0c9";
        assertThat(partition(partitioner, cluster, "results", scanId))
                .isEqualTo(AccountPartitioner.partition(scanId.getBytes(StandardCharsets.UTF_8), 6));
        assertThat(AccountPartitioner.accountOf(scanId)).isNull();
        assertThat(AccountPartitioner.accountOf("1234567890123")).as("13 digits").isNull();
    }

    @Test
    void accountsSpreadOverThePartitions() {
        AccountPartitioner partitioner = new AccountPartitioner();
        Cluster cluster = cluster(24, "accounts");
        long used = java.util.stream.IntStream.range(0, 300)
                .map(i -> partition(partitioner, cluster, "accounts", String.format("%012d", 100_000_000_000L + i * 7919L)))
                .distinct().count();
        assertThat(used).isEqualTo(24);
    }

    private static int partition(AccountPartitioner partitioner, Cluster cluster, String topic, String key) {
        return partitioner.partition(topic, key, key.getBytes(StandardCharsets.UTF_8), null, null, cluster);
    }

    private static Cluster cluster(int partitions, String... topics) {
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        for (String topic : topics) {
            for (int i = 0; i < partitions; i++) {
                infos.add(new PartitionInfo(topic, i, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
            }
        }
        return new Cluster("test", List.of(BROKER), infos, java.util.Set.of(), java.util.Set.of());
    }
}
