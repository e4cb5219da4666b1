package io.eksfleet.simulator;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the simulator's wire answers. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String quote(String text) {
        return MAPPER.writeValueAsString(text);
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
