package io.eksfleet.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer, ready to send. {@code outcome} is what the call log records for it. */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body, Outcome outcome) {

    static Reply json(String json) {
        return new Reply(200, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8), Outcome.OK);
    }

    static Reply xml(String xml) {
        return new Reply(200, "text/xml;charset=UTF-8", Map.of(), xml.getBytes(StandardCharsets.UTF_8), Outcome.OK);
    }

    static Reply empty() {
        return new Reply(200, "application/json", Map.of(), new byte[0], Outcome.OK);
    }
}
