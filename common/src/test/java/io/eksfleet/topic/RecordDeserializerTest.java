package io.eksfleet.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RecordDeserializerTest {

    static final String ARN = "arn:aws:eks:eu-west-1:111111111111:cluster/payments";
    static final InventoryRecord CLUSTER = new InventoryRecord(1, ARN, "payments", "111111111111", "payments-prod", "eu-west-1",
            "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com", "Q0E=", "1.31", "eks.9", "ACTIVE",
            Map.of("team", "pay"), Instant.parse("2026-01-01T00:00:00Z"),
            Access.viaSso(new SsoSource("https://d-1234567890.awsapps.com/start", "us-east-1", "work"), "ReadOnly"), "scan-1",
            Instant.parse("2026-12-01T00:00:00Z"), null, null, null, null);

    final RecordDeserializer reader = new RecordDeserializer();

    @Test
    void aRecordThatKeepsItsContractIsRead() {
        Decoded read = read(Topics.INVENTORY.name(), Messages.MAPPER.writeValueAsString(CLUSTER));
        assertThat(read.isPoison()).as(read.poison()).isFalse();
        assertThat(read.as(InventoryRecord.class).accountName()).isEqualTo("payments-prod");
        AccountTask task = new AccountTask(VersionedMessage.VERSION, "scan-1", "111111111111", "a",
                Access.viaHub(new HubSource(null, "us-east-1"), "ReadOnly"), List.of(), List.of(), "enabled", 0, null);
        assertThat(read(Topics.ACCOUNTS.name(), Messages.MAPPER.writeValueAsString(task)).isPoison()).isFalse();
        assertThat(read(Topics.retryOf(Topics.ACCOUNTS).name(), Messages.MAPPER.writeValueAsString(task)).isPoison()).isFalse();
    }

    @Test
    void theRolesAnAccountDidNotGiveAreRoleNames() {
        String scanned = Messages.MAPPER.writeValueAsString(new io.eksfleet.scan.ScanEvent.AccountScanned(VersionedMessage.VERSION, "scan-1",
                "111111111111", "a", "ReadOnly", List.of("eu-west-1"), io.eksfleet.scan.CallUsage.NONE, List.of("Admin", "eks+ops@team", "team/Reader")));
        assertThat(read(Topics.RESULTS.name(), scanned).isPoison()).as(scanned).isFalse();
        for (String role : List.of("Admin;reboot", "Admin Role", "x".repeat(65), "")) {
            ObjectNode hostile = (ObjectNode) Messages.MAPPER.readTree(scanned);
            hostile.putArray("rolesNotTaken").add(role);
            assertPoison(Topics.RESULTS.name(), hostile.toString(), SkipReason.CONTRACT, "rolesNotTaken");
        }
    }

    @Test
    void aMissingRequiredFieldIsPoisonNamingIt() {
        ObjectNode json = tree(CLUSTER);
        json.remove("accountName");
        assertPoison(Topics.INVENTORY.name(), json.toString(), SkipReason.CONTRACT, "accountName");
    }

    @Test
    void aNullOrWronglyTypedFieldIsPoison() {
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).putNull("region").toString(), SkipReason.CONTRACT, "region");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("tags", 7).toString(), SkipReason.CONTRACT, "tags");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("status", "HACKED").toString(), SkipReason.CONTRACT, "status");
    }

    @Test
    void anUnknownVersionIsPoisonEvenWithFieldsOfItsOwn() {
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("v", 2).put("owner", "x").toString(), SkipReason.VERSION, "version 2");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("v", 0).toString(), SkipReason.VERSION, "version 0");
    }

    @Test
    void controlCharactersAndOversizedStringsArePoison() {
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("accountName", "x\n[profile evil]").toString(), SkipReason.CONTRACT,
                "U+000A");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("name", "\u001b[2J").toString(), SkipReason.CONTRACT, "U+001B");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("platformVersion", "a".repeat(Contracts.MAX_STRING + 1)).toString(),
                SkipReason.CONTRACT, "more than");
    }

    @Test
    void bytesThatAreNotAJsonObjectArePoison() {
        for (String bad : List.of("", "{\"v\":1,", "[]", "null", "42", "\"text\"", "\u0000\u00ff")) {
            assertThat(read(Topics.RESULTS.name(), bad).reason()).as(bad).isEqualTo(SkipReason.NOT_JSON);
        }
    }

    @Test
    void aValueUnderAnotherKeyIsPoison() {
        Decoded value = read(Topics.INVENTORY.name(), Messages.MAPPER.writeValueAsString(CLUSTER));
        assertThat(RecordChecks.check(record(Topics.INVENTORY.name(), ARN, value)).value()).isSameAs(value);
        Decoded checked = RecordChecks.check(record(Topics.INVENTORY.name(), ARN.replace("payments", "other"), value)).value();
        assertThat(checked.reason()).isEqualTo(SkipReason.KEY);
        assertThat(SkippedRecords.count(Topics.INVENTORY.name(), SkipReason.KEY)).isPositive();
    }

    @Test
    void aTombstoneIsPoisonWhereTheTopicIsNotCompacted() {
        assertThat(RecordChecks.check(record(Topics.INVENTORY.name(), ARN, null)).value()).isNull();
        assertThat(RecordChecks.check(record(Topics.RESULTS.name(), "scan-1", null)).value().reason()).isEqualTo(SkipReason.TOMBSTONE);
    }

    @Test
    void recordsOfTopicsFedFromOutsideFollowTheirPublishedSchemas() {
        String minimal = "{\"v\":1,\"accountId\":\"111111111111\",\"accountName\":\"new\"}";
        assertThat(read(Topics.ACCOUNT_EVENTS.name(), minimal).isPoison()).isFalse();
        assertPoison(Topics.ACCOUNT_EVENTS.name(), "{\"accountId\":\"1111\"}", SkipReason.CONTRACT, "");
        assertPoison(Topics.CLUSTER_EVENTS.name(), "{\"source\":\"aws.eks\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"detail\":{\"eventName\":\"CreateCluster\",\"awsRegion\":\"../../etc\",\"recipientAccountId\":\"111111111111\"}}",
                SkipReason.CONTRACT, "awsRegion");
    }

    @Test
    void numbersBeyondWhatAReaderHoldsArePoisonNotAnException() {
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("v", 4294967297L).toString(), SkipReason.VERSION, "4294967297");
        String retried = "{\"type\":\"TaskRetried\",\"v\":1,\"scanId\":\"s\",\"usage\":{\"calls\":{},\"throttled\":1e19,\"retried\":0}}";
        assertThat(read(Topics.RESULTS.name(), retried).reason()).isEqualTo(SkipReason.CONTRACT);
        assertThat(read(Topics.RESULTS.name(), "{\"type\":\"TaskRetried\",\"v\":1,\"scanId\":\"s\",\"usage\":{\"calls\":{},"
                + "\"throttled\":99999999999999999999999,\"retried\":0}}").isPoison()).isTrue();
    }

    @Test
    void controlsBeyondAsciiAndDirectionOverridesArePoison() {
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("accountName", "prod\u009b2J").toString(), SkipReason.CONTRACT, "U+009B");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("accountName", "prod\u202eved").toString(), SkipReason.CONTRACT, "U+202E");
        assertPoison(Topics.INVENTORY.name(), tree(CLUSTER).put("accountName", "a\u2028b").toString(), SkipReason.CONTRACT, "U+2028");
    }

    @Test
    void aNumberTheContractLeavesOptionalIsZeroWhenAbsent() {
        String request = "{\"v\":1,\"scanId\":\"s\",\"hub\":{\"region\":\"us-east-1\"},\"roleName\":\"R\",\"accounts\":[{\"id\":\"111111111111\"}],"
                + "\"regions\":[],\"timeoutMs\":60000,\"origin\":\"test\"}";
        Decoded read = read(Topics.REQUESTS.name(), request);
        assertThat(read.isPoison()).as(read.poison()).isFalse();
        assertThat(read.as(io.eksfleet.scan.ScanRequest.class).accessRetryMs()).isZero();
        assertThat(read.as(io.eksfleet.scan.ScanRequest.class).problem()).isNull();
        assertThat(read(Topics.REQUESTS.name(), request.replace("\"regions\":[]", "\"regions\":[\"us-gov-west-1\"]"))
                .as(io.eksfleet.scan.ScanRequest.class).problem()).contains("not a region of the aws partition");
        assertThat(read(Topics.REQUESTS.name(), request.replace("60000", "9223372036854775807")).isPoison()).isTrue();
    }

    @Test
    void headersAreBoundedAndPrintable() {
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(TaskHeaders.ATTEMPT, "-2147483648".getBytes(StandardCharsets.UTF_8));
        headers.add(TaskHeaders.ERROR_MESSAGE, "a\u001b[2J\u009bb".getBytes(StandardCharsets.UTF_8));
        headers.add(TaskHeaders.NOT_BEFORE, (byte[]) null);
        assertThat(TaskHeaders.getInt(headers, TaskHeaders.ATTEMPT, 0)).isZero();
        assertThat(TaskHeaders.get(headers, TaskHeaders.ERROR_MESSAGE)).isEqualTo("a?[2J?b");
        assertThat(TaskHeaders.get(headers, TaskHeaders.NOT_BEFORE)).isNull();
        assertThat(TaskHeaders.getLong(headers, TaskHeaders.NOT_BEFORE, 0, 10)).isZero();
    }

    private static ObjectNode tree(Object value) {
        return (ObjectNode) Messages.MAPPER.valueToTree(value);
    }

    private Decoded read(String topic, String json) {
        return reader.deserialize(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertPoison(String topic, String json, SkipReason reason, String saying) {
        Decoded read = read(topic, json);
        assertThat(read.reason()).as(json).isEqualTo(reason);
        assertThat(read.poison()).contains(saying);
    }

    private static ConsumerRecord<String, Decoded> record(String topic, String key, Decoded value) {
        return new ConsumerRecord<>(topic, 0, 7, key, value);
    }
}
