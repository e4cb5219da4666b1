package io.eksfleet.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.topic.Messages;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records read from Kafka one by one hold one instance of each value they repeat, and the values are unchanged. */
class SharedStringsTest {

    private static ClusterRecord cluster(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "payments");
        tags.put("env", "prod");
        KubernetesAccess access = new KubernetesAccess("ReadOnly", KubernetesAccess.Answer.YES, null,
                "arn:aws:iam::111111111111:role/ReadOnly", "STANDARD", null, List.of("viewers"),
                List.of(new KubernetesAccess.AccessPolicy("AmazonEKSViewPolicy", "namespace", List.of("default"))));
        return new ClusterRecord("arn:aws:eks:eu-west-1:111111111111:cluster/" + name, name, "111111111111", "payments", "ReadOnly",
                "eu-west-1", "https://" + name + ".example.com", "Q0E=", "1.31", "eks.7", "ACTIVE", tags, Instant.EPOCH)
                .withAccess(AuthenticationMode.API, access);
    }

    @Test
    void twoClustersReadFromTheirOwnBytesShareTheirAccountRegionVersionTagsAndAccess() throws Exception {
        ClusterRecord a = Messages.MAPPER.readValue(Messages.MAPPER.writeValueAsBytes(cluster("a")), ClusterRecord.class);
        ClusterRecord b = Messages.MAPPER.readValue(Messages.MAPPER.writeValueAsBytes(cluster("b")), ClusterRecord.class);

        assertThat(a).isEqualTo(cluster("a"));
        assertThat(a.tags().keySet()).as("tags keep their order").containsExactly("team", "env");
        assertThat(a.accountId()).isSameAs(b.accountId());
        assertThat(a.accountName()).isSameAs(b.accountName());
        assertThat(a.region()).isSameAs(b.region());
        assertThat(a.version()).isSameAs(b.version());
        assertThat(a.status()).isSameAs(b.status());
        assertThat(a.tags().get("team")).isSameAs(b.tags().get("team"));
        assertThat(a.kubernetesAccess().principalArn()).isSameAs(b.kubernetesAccess().principalArn());
        assertThat(a.kubernetesAccess().policies().get(0).name()).isSameAs(b.kubernetesAccess().policies().get(0).name());
        assertThat(a.arn()).as("what each cluster has alone is its own").isNotEqualTo(b.arn());
    }

    @Test
    void anInventoryRecordReadFromTheTopicHoldsItsLastWayOnce() throws Exception {
        InventoryRecord written = InventoryRecord.of(cluster("a"), Access.viaHub(new HubSource(null, "us-east-1"), null), "scan-1",
                Instant.EPOCH, List.of(), InventoryRecord.BY_SCAN);
        InventoryRecord read = Messages.MAPPER.readValue(Messages.MAPPER.writeValueAsBytes(written), InventoryRecord.class);

        assertThat(read).isEqualTo(written);
        assertThat(read.access()).singleElement().isSameAs(read.lastAccess());
        assertThat(written.access()).singleElement().isSameAs(written.lastAccess());
    }

    @Test
    void aLongValueIsNotSharedAndANullElementIsRefusedAsBefore() {
        String longValue = "x".repeat(SharedStrings.MAX_LENGTH + 1);
        assertThat(SharedStrings.of(new String(longValue))).isNotSameAs(SharedStrings.of(new String(longValue))).isEqualTo(longValue);
        assertThat(SharedStrings.of(new String("x".repeat(SharedStrings.MAX_LENGTH))))
                .isSameAs(SharedStrings.of(new String("x".repeat(SharedStrings.MAX_LENGTH))));
        assertThatThrownBy(() -> new Access("ReadOnly", null, null, java.util.Arrays.asList("A", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullsAndEmptyValuesStayAsTheyAre() {
        assertThat(SharedStrings.of((String) null)).isNull();
        assertThat(SharedStrings.of((Map<String, String>) null)).isNull();
        assertThat(SharedStrings.of(Map.<String, String>of())).isEmpty();
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThat(SharedStrings.of(withNull)).containsEntry("k", null);
    }
}
