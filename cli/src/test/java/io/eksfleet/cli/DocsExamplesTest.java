package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.events.AccountEvent;
import io.eksfleet.events.AccountEvents;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every JSON example of a topic's records in docs/topics.md validates against that topic's schema, and the
 * account-events contract means what the docs say: other fields are allowed in every shape.
 */
class DocsExamplesTest {

    private static final Pattern SECTION = Pattern.compile("(?m)^## `(eksfleet\\.[a-z.-]+)`");
    private static final Pattern JSON_BLOCK = Pattern.compile("(?s)```json\\n(.*?)```");

    @Test
    void everyRecordExampleOfTheTopicsPageFollowsItsTopicsSchema() throws Exception {
        String page = Files.readString(io.eksfleet.bench.LocalFleet.checkout().resolve("docs/topics.md"));
        List<String> checked = new ArrayList<>();
        Matcher sections = SECTION.matcher(page);
        List<int[]> bounds = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        while (sections.find()) {
            topics.add(sections.group(1));
            bounds.add(new int[] {sections.start(), page.length()});
            if (bounds.size() > 1) {
                bounds.get(bounds.size() - 2)[1] = sections.start();
            }
        }
        for (int i = 0; i < topics.size(); i++) {
            Matcher blocks = JSON_BLOCK.matcher(page.substring(bounds.get(i)[0], bounds.get(i)[1]));
            while (blocks.find()) {
                for (JsonNode example : Messages.MAPPER.readValues(Messages.MAPPER.createParser(blocks.group(1)), JsonNode.class).readAll()) {
                    if (example.path("source").isArray()) {
                        continue; // an EventBridge rule's pattern, not a record
                    }
                    assertThat(TopicRecords.violations(topics.get(i), example.toString())).as(topics.get(i) + ": " + example).isEmpty();
                    checked.add(topics.get(i));
                }
            }
        }
        assertThat(checked).as("examples of each public topic").contains("eksfleet.clusters", "eksfleet.scan.results",
                "eksfleet.account-events", "eksfleet.scan.requests", "eksfleet.cluster-events");
        assertThat(checked.stream().filter("eksfleet.account-events"::equals)).hasSize(3);
    }

    /** A record of the account-events topic as its consumer decodes it. */
    private static Decoded decoded(String json) {
        return new Decoded(Messages.MAPPER.readTree(json), json.getBytes(StandardCharsets.UTF_8), null, null);
    }

    @Test
    void extraFieldsAreAllowedInEveryShapeOfAnAccountEventAndReadTheSame() throws Exception {
        for (String json : List.of("{\"v\":1,\"accountId\":\"410987654321\",\"email\":\"ops@example.com\"}",
                "{\"v\":1,\"accountId\":\"410987654321\",\"source\":\"our-vending-machine\"}")) {
            assertThat(TopicRecords.violations("eksfleet.account-events", json)).as(json).isEmpty();
            assertThat(AccountEvents.parse(decoded(json))).as(json)
                    .isEqualTo(new AccountEvent.Created("eksfleet", "410987654321", "410987654321"));
        }
        for (Path sample : List.of(Path.of("src/test/resources/events/organizations-create-account-result.json"),
                Path.of("src/test/resources/events/controltower-create-managed-account.json"))) {
            JsonNode event = Messages.MAPPER.readTree(Files.readString(sample));
            ((tools.jackson.databind.node.ObjectNode) event).put("addedByAPipe", true);
            assertThat(TopicRecords.violations("eksfleet.account-events", event.toString())).as(sample.toString()).isEmpty();
            assertThat(AccountEvents.parse(decoded(event.toString()))).isInstanceOf(AccountEvent.Created.class);
        }
        assertThat(TopicRecords.violations("eksfleet.account-events", "{\"v\":1,\"account\":\"410987654321\"}"))
                .as("a negative control: no account id").isNotEmpty();
    }
}
