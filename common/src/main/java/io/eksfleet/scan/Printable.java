package io.eksfleet.scan;

/** A value from outside as a message may show it: control characters (which could forge a log line) replaced, and cut short. */
public final class Printable {

    private static final int MAX = 200;

    private Printable() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > MAX ? shown.substring(0, MAX) + "..." : shown;
    }
}
