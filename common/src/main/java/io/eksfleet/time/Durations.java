package io.eksfleet.time;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them on a command line: {@code 40ms}, {@code 1.5s}, {@code 15m}, {@code 1h}, {@code 0}. */
public final class Durations {

    private Durations() {
    }

    /** Parses {@code 40ms}, {@code 1.5s}, {@code 15m}, {@code 1h}, {@code 0}. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.endsWith("ms")) {
                return nonNegative(Duration.ofNanos((long) (Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6)), text);
            }
            if (t.endsWith("s")) {
                return nonNegative(Duration.ofNanos((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9)), text);
            }
            if (t.endsWith("h")) {
                return nonNegative(Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 3600)), text);
            }
            if (t.endsWith("m")) {
                return nonNegative(Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60)), text);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 40ms, 2s, 15m or 1h");
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return d;
    }

}
