package io.eksfleet.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.topic.Messages;
import org.junit.jupiter.api.Test;

/** The access is one value in Java and flat fields on the wire ({@code roleName}, {@code sso}, {@code hub}), as the contracts say. */
class AccessJsonTest {

    static final SsoSource SSO = new SsoSource("https://d-1.awsapps.com/start", "eu-west-1", "corp");
    static final HubSource HUB = new HubSource("ext-1", "us-east-1");

    @Test
    void aScanRequestKeepsItsFlatShape() {
        String json = """
                {"v":1,"scanId":"s1","sso":{"startUrl":"https://d-1.awsapps.com/start","region":"eu-west-1","sessionName":"corp"},
                 "rolePrefixes":["Read"],"accounts":[],"accountPatterns":["pay-*"],"excludeAccounts":[],"regions":["eu-west-1"],
                 "regionMode":"enabled","timeoutMs":60000,"accessRetryMs":0,"origin":"cli"}""";
        ScanRequest read = roundTrip(json, ScanRequest.class);
        assertThat(read.access()).isEqualTo(Access.viaSso(SSO, null));
        assertThat(read.problem()).isNull();
    }

    @Test
    void aHubAccountTaskKeepsItsFlatShape() {
        String json = """
                {"v":1,"scanId":"s1","accountId":"111111111111","accountName":"payments","roleName":"EksFleetReader",
                 "rolePrefixes":[],"hub":{"externalId":"ext-1","region":"us-east-1"},"regions":[],"regionMode":"all",
                 "accessRetryUntilMs":5,"workers":"w-1"}""";
        AccountTask read = roundTrip(json, AccountTask.class);
        assertThat(read.access()).isEqualTo(Access.viaHub(HUB, "EksFleetReader"));
        assertThat(read.access().homeRegion()).isEqualTo("us-east-1");
    }

    @Test
    void aScanStartedKeepsItsFlatShapeUnderItsType() {
        String json = """
                {"type":"ScanStarted","v":1,"scanId":"s1","roleName":"ReadOnly",
                 "sso":{"startUrl":"https://d-1.awsapps.com/start","region":"eu-west-1","sessionName":"corp"},"rolePrefixes":[],
                 "accounts":[{"id":"111111111111","name":"payments"}],"notVisible":[],"regions":[],"regionMode":"enabled",
                 "startedAtMs":1,"timeoutMs":2,"accessRetryMs":0,"origin":"cli","usage":{"calls":{},"throttled":0,"retried":0}}""";
        ScanEvent.ScanStarted read = (ScanEvent.ScanStarted) roundTrip(json, ScanEvent.class);
        assertThat(read.access()).isEqualTo(Access.viaSso(SSO, "ReadOnly"));
    }

    @Test
    void anInventoryRecordKeepsTheLastWayFlatAndEveryWayInItsArray() {
        String json = """
                {"v":1,"arn":"arn:aws:eks:us-east-1:111111111111:cluster/a","name":"a","accountId":"111111111111",
                 "accountName":"payments","region":"us-east-1","status":"ACTIVE","roleName":"EksFleetReader",
                 "hub":{"externalId":"ext-1","region":"us-east-1"},"lastSeenScanId":"h1","lastSeenAt":"2026-01-01T00:00:00Z",
                 "access":[{"roleName":"ReadOnly","sso":{"startUrl":"https://d-1.awsapps.com/start","region":"eu-west-1","sessionName":"corp"}},
                           {"roleName":"EksFleetReader","hub":{"externalId":"ext-1","region":"us-east-1"}}],"lastSeenBy":"scan"}""";
        InventoryRecord read = roundTrip(json, InventoryRecord.class);
        assertThat(read.lastAccess()).isEqualTo(Access.viaHub(HUB, "EksFleetReader"));
        assertThat(read.preferred()).isEqualTo(Access.viaSso(SSO, "ReadOnly"));
    }

    @Test
    void aRequestWithoutAnyAccessIsRefusedNamingWhatIsMissing() {
        ScanRequest read = Messages.MAPPER.readValue("{\"v\":1,\"scanId\":\"s1\",\"origin\":\"cli\",\"timeoutMs\":1}", ScanRequest.class);
        assertThat(read.problem()).isEqualTo("missing sso");
        assertThat(Messages.MAPPER.writeValueAsString(read)).doesNotContain("\"access\"");
    }

    /** Reads {@code json}, writes it back, and holds the two to the same tree (field order aside). */
    private static <T> T roundTrip(String json, Class<T> type) {
        T read = Messages.MAPPER.readValue(json, type);
        assertThat(Messages.MAPPER.readTree(Messages.MAPPER.writeValueAsString(read))).isEqualTo(Messages.MAPPER.readTree(json));
        return read;
    }
}
