package io.eksfleet.scan;

/**
 * A value from outside as a message, a log or a terminal may show it: control characters (which could forge a log
 * line, move a terminal's cursor or reverse the text around them) replaced by {@code ?}, and cut short.
 */
public final class Printable {

    private static final int MAX = 200;

    private Printable() {
    }

    public static String of(String value) {
        return of(value, MAX);
    }

    /** The value with every control character replaced, cut at {@code max} characters. */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && shown.length() < max; i++) {
            char c = value.charAt(i);
            shown.append(isControl(c) ? '?' : c);
        }
        return value.length() > max ? shown + "..." : shown.toString();
    }

    /**
     * C0 and C1 controls and DEL (U+009B alone starts a terminal command), the line and paragraph separators, and the
     * marks, embeddings, overrides and isolates that change the direction of the text around them.
     */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || (c >= '\u200e' && c <= '\u200f')
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
