package io.eksfleet.topic;

import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.eksfleet.scan.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * What a valid record of each topic is: the JSON Schema that {@code docs/schemas} publishes for the topic's contract
 * (the same files, bundled with the build), and two rules for every string of every record: no control characters
 * ({@link io.eksfleet.scan.Printable#isControl}: a name with a line break, an escape sequence or a direction override
 * would reach a terminal, a context name or an INI section) and at
 * most {@value #MAX_STRING} characters. Readers skip what fails here; writers' tests check what they write here too.
 */
public final class Contracts {

    /** The longest string a record may hold: a cluster's CA, the longest field eksfleet writes, is about 1,500 characters. */
    public static final int MAX_STRING = 16_384;

    private static final String IDS = "https://eksfleet.io/schemas/";
    private static final String BUNDLED = "/io/eksfleet/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(id -> id.startsWith(IDS) ? bundled(id.substring(IDS.length())) : null));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Contracts() {
    }

    /** Why {@code value} breaks the contract of {@code topic}, in one line; null when it keeps it. */
    public static String problem(Topic<?> topic, JsonNode value) {
        String strings = strings(value, "");
        if (strings != null) {
            return strings;
        }
        Schema schema = SCHEMAS.computeIfAbsent(topic.contract(), c -> REGISTRY.getSchema(bundled(c + ".schema.json")));
        try {
            if (Boolean.TRUE.equals(schema.validate(value, OutputFormat.BOOLEAN))) {
                return null;
            }
            List<Error> errors = schema.validate(value);
            return errors.isEmpty() ? "does not follow " + topic.contract() + ".schema.json" : describe(errors);
        } catch (RuntimeException e) {
            // A number beyond a long, say, that the validator cannot compare with a minimum.
            return "does not follow " + topic.contract() + ".schema.json: " + e.getClass().getSimpleName();
        }
    }

    private static String describe(List<Error> errors) {
        // A oneOf reports every branch it tried; the first error deepest in the record says most.
        Error best = errors.get(0);
        for (Error e : errors) {
            if (e.getInstanceLocation().getNameCount() > best.getInstanceLocation().getNameCount()) {
                best = e;
            }
        }
        String text = best.toString();
        // The record itself is the location "": name it as JSONPath does.
        return (text.startsWith(": ") ? "$" + text : text) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    /** The first string (or field name) that breaks the rules for every string, as {@code where: what}; null when none does. */
    private static String strings(JsonNode node, String path) {
        if (node.isString()) {
            return bad(node.asString(), path.isEmpty() ? "$" : path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String problem = strings(node.get(i), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String where = path + "." + field.getKey();
                String problem = bad(field.getKey(), where);
                if (problem == null) {
                    problem = strings(field.getValue(), where);
                }
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String bad(String text, String where) {
        if (text.length() > MAX_STRING) {
            return where + ": " + text.length() + " characters, more than " + MAX_STRING;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Printable ASCII, nearly every character of every record, costs one test.
            if ((c < 0x20 || c >= 0x7f) && Printable.isControl(c)) {
                return where + ": control character U+" + String.format("%04X", (int) c);
            }
        }
        return null;
    }

    private static String bundled(String file) {
        try (InputStream in = Contracts.class.getResourceAsStream(BUNDLED + file)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + file + " in the build (docs/schemas)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
