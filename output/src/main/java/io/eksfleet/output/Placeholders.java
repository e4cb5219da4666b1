package io.eksfleet.output;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {name}} placeholders of eksfleet's name templates: checked once, filled per entry. */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private Placeholders() {
    }

    /** Refuses a template with an unknown placeholder or none at all; {@code what} names it in the message. */
    static void check(String what, String template, List<String> allowed) {
        Matcher m = PLACEHOLDER.matcher(template);
        boolean any = false;
        String known = String.join(", ", allowed.stream().map(n -> "{" + n + "}").toList());
        while (m.find()) {
            any = true;
            if (!allowed.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in " + what + " '" + template + "': use " + known);
            }
        }
        if (!any) {
            throw new IllegalArgumentException(what + " '" + template + "' has no placeholder, so every entry would get the same name: use " + known);
        }
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
