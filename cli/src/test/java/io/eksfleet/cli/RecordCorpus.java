package io.eksfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.topic.Contracts;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records that break a topic's contract, made from one good record: every field of every object in it missing in
 * turn (where the contract requires it), null in turn, of the wrong type in turn; the JSON cut short; bytes that are not
 * JSON; versions 0 and 2; control characters and an oversized string; the value under another key; a tombstone where the
 * topic is not compacted. Each one is checked to be bad by the contract the readers use, so the corpus cannot hold a
 * record the fleet should take.
 */
final class RecordCorpus {

    private RecordCorpus() {
    }

    /** The bad records around {@code good}, which is written under {@code key}. */
    static List<ProducerRecord<String, byte[]>> around(Topic<?> topic, String key, JsonNode good) {
        assertThat(Contracts.problem(topic, good)).as("the good record of " + topic.name()).isNull();
        List<ProducerRecord<String, byte[]>> bad = new ArrayList<>();
        List<ObjectNode> values = new ArrayList<>();
        for (List<String> path : paths(good, new ArrayList<>())) {
            values.add(change(good, path, (parent, field) -> parent.remove(field)));
            values.add(change(good, path, (parent, field) -> parent.putNull(field)));
            values.add(change(good, path, (parent, field) -> parent.set(field, wrongType(parent.get(field)))));
            if (good.at(pointer(path)).isString()) {
                values.add(change(good, path, (parent, field) -> parent.put(field, parent.get(field).asString() + "\u001b[2J")));
                values.add(change(good, path, (parent, field) -> parent.put(field, parent.get(field).asString() + "\n[profile x]")));
                values.add(change(good, path, (parent, field) -> parent.put(field, "a".repeat(Contracts.MAX_STRING + 1))));
            }
        }
        if (good.has("v")) {
            values.add(change(good, List.of("v"), (parent, field) -> parent.put(field, 0)));
            values.add(change(good, List.of("v"), (parent, field) -> parent.put(field, 2).put("addedInVersion2", true)));
        }
        values.stream().filter(v -> Contracts.problem(topic, v) != null).forEach(v -> bad.add(record(topic, key, bytes(v.toString()))));
        String json = good.toString();
        for (int cut : new int[] {1, json.length() / 3, json.length() / 2, json.length() - 1}) {
            bad.add(record(topic, key, bytes(json.substring(0, cut))));
        }
        for (String notAnObject : List.of("", "not json", "[]", "null", "42", "\"text\"", "{\"v\":1,}")) {
            bad.add(record(topic, key, bytes(notAnObject)));
        }
        bad.add(record(topic, key, new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7b}));
        if (topic.key() != null) {
            bad.add(record(topic, key + "-not-its-key", bytes(json)));
        }
        if (topic.key() != null && !topic.compacted()) {
            // A compacted topic's broker refuses a record without a key itself.
            bad.add(record(topic, null, bytes(json)));
        }
        if (!topic.compacted()) {
            bad.add(record(topic, key, null));
        }
        assertThat(bad).as("a corpus of bad " + topic.name() + " records").hasSizeGreaterThan(20);
        return bad;
    }

    private interface Change {
        void apply(ObjectNode parent, String field);
    }

    private static ObjectNode change(JsonNode good, List<String> path, Change change) {
        ObjectNode copy = (ObjectNode) good.deepCopy();
        JsonNode parent = copy;
        for (String step : path.subList(0, path.size() - 1)) {
            parent = parent.get(step);
        }
        change.apply((ObjectNode) parent, path.get(path.size() - 1));
        return copy;
    }

    /** Every field of every object that is not inside an array, depth first. */
    private static List<List<String>> paths(JsonNode node, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            if (node.get(name).isObject()) {
                out.addAll(paths(node.get(name), path));
            }
        }
        return out;
    }

    private static JsonNode wrongType(JsonNode value) {
        if (value.isString()) {
            return Messages.MAPPER.getNodeFactory().numberNode(7);
        }
        if (value.isNumber() || value.isBoolean()) {
            return Messages.MAPPER.getNodeFactory().stringNode("seven");
        }
        if (value.isArray()) {
            return Messages.MAPPER.createObjectNode().put("not", "an array");
        }
        ArrayNode array = Messages.MAPPER.createArrayNode();
        array.add("not an object");
        return array;
    }

    private static String pointer(List<String> path) {
        return "/" + String.join("/", path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> record(Topic<?> topic, String key, byte[] value) {
        return new ProducerRecord<>(topic.name(), key, value);
    }

    /** Hands each record to {@code send}. */
    static void send(List<ProducerRecord<String, byte[]>> records, Consumer<ProducerRecord<String, byte[]>> send) {
        records.forEach(send);
    }
}
