package io.eksfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.topic.Messages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster seen by SSO scans and hub scans keeps every way to it, and a kubeconfig built from it does not flip. */
class InventoryRecordTest {

    static final SsoSource SSO = new SsoSource("https://d-1.awsapps.com/start", "eu-west-1", "corp");
    static final HubSource HUB = new HubSource(null, "us-east-1");

    static ClusterRecord cluster(String role) {
        return new ClusterRecord("arn:aws:eks:us-east-1:111111111111:cluster/a", "a", "111111111111", "payments", role, "us-east-1",
                "https://a.example.com", "Q0E=", "1.31", "eks.1", "ACTIVE", Map.of(), Instant.EPOCH);
    }

    @Test
    void everyWayAScanReachedTheClusterIsKeptAndTheSsoOneIsPreferredWhicheverRanLast() {
        InventoryRecord bySso = InventoryRecord.of(cluster("ReadOnly"), Access.viaSso(SSO, null), "s1", Instant.now(), List.of(), InventoryRecord.BY_SCAN);
        InventoryRecord byHub = InventoryRecord.of(cluster("EksFleetReader"), Access.viaHub(HUB, null), "h1", Instant.now(), bySso.access(), InventoryRecord.BY_SCAN);
        InventoryRecord bySsoAgain = InventoryRecord.of(cluster("ReadOnly"), Access.viaSso(SSO, null), "s2", Instant.now(), byHub.access(), InventoryRecord.BY_SCAN);

        assertThat(byHub.lastAccess().hub()).as("the last scan's way, as before").isEqualTo(HUB);
        assertThat(byHub.access()).extracting(Access::roleName).containsExactly("ReadOnly", "EksFleetReader");
        assertThat(bySsoAgain.access()).as("the same way replaces itself").hasSize(2);
        for (InventoryRecord r : List.of(byHub, bySsoAgain)) {
            assertThat(r.preferred().sso()).isEqualTo(SSO);
            assertThat(r.cluster().roleName()).isEqualTo("ReadOnly");
        }
        InventoryRecord hubOnly = InventoryRecord.of(cluster("EksFleetReader"), Access.viaHub(HUB, null), "h2", Instant.now(), List.of(), InventoryRecord.BY_SCAN);
        assertThat(hubOnly.preferred().hub()).isEqualTo(HUB);
    }

    @Test
    void aRecordWrittenBeforeAccessWasKeptReadsAsReachedTheWayItNames() throws Exception {
        String old = Messages.MAPPER.writeValueAsString(InventoryRecord.of(cluster("ReadOnly"), Access.viaSso(SSO, null), "s1", Instant.EPOCH, List.of(), InventoryRecord.BY_SCAN))
                .replaceFirst(",\"access\":\\[[^]]*]", "");
        assertThat(old).doesNotContain("access");
        InventoryRecord read = Messages.MAPPER.readValue(old, InventoryRecord.class);
        assertThat(read.access()).containsExactly(Access.viaSso(SSO, "ReadOnly"));
    }

    @Test
    void eachRoleKeepsItsOwnAccessAndTheKubeconfigTakesThePreferredRolesAnswer() throws Exception {
        KubernetesAccess view = new KubernetesAccess("ReadOnly", KubernetesAccess.Answer.YES, null,
                "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef", "STANDARD",
                null, List.of(), List.of(new KubernetesAccess.AccessPolicy("AmazonEKSViewPolicy", "cluster", List.of())));
        KubernetesAccess none = KubernetesAccess.none("EksFleetReader", "no access entry for EksFleetReader");
        InventoryRecord bySso = InventoryRecord.of(cluster("ReadOnly").withAccess(AuthenticationMode.API, view), Access.viaSso(SSO, null),
                "s1", Instant.now(), (InventoryRecord) null, InventoryRecord.BY_SCAN);
        InventoryRecord byHub = InventoryRecord.of(cluster("EksFleetReader").withAccess(AuthenticationMode.API, none),
                Access.viaHub(HUB, null), "h1", Instant.now(), bySso, InventoryRecord.BY_SCAN);
        InventoryRecord notLooked = InventoryRecord.of(cluster("ReadOnly"), Access.viaSso(SSO, null), "s2", Instant.now(), byHub,
                InventoryRecord.BY_SCAN);

        assertThat(byHub.kubernetesAccess()).containsExactly(view, none);
        assertThat(byHub.cluster().kubernetesAccess()).as("the SSO way is preferred, with its own answer").isEqualTo(view);
        assertThat(notLooked.kubernetesAccess()).as("a scan that did not look keeps what others found").containsExactly(view, none);
        InventoryRecord read = Messages.MAPPER.readValue(Messages.MAPPER.writeValueAsString(byHub), InventoryRecord.class);
        assertThat(read).isEqualTo(byHub);
        assertThat(Messages.MAPPER.writeValueAsString(byHub)).contains("\"answer\":\"yes\"", "\"answer\":\"no\"",
                "\"authenticationMode\":\"API\"");
    }
}
