package io.eksfleet.scan;

import java.time.Duration;
import java.util.List;

/**
 * The tuning presets. Numbers from the design brief's table; the benchmark decides the defaults.
 *
 * @param maxInFlight AWS calls one worker keeps in flight
 * @param ssoRps the SSO portal budget, requests per second, for the whole organisation
 * @param retries attempts after the first one
 * @param backoff the first retry delay, doubled each time, with jitter
 * @param scanTimeout a scan still running after this ends with a partial result
 * @param callTimeout the longest one AWS call attempt may take
 * @param taskTimeout the longest one task attempt may take (all its calls and pages)
 */
public record Preset(String name, int maxInFlight, double ssoRps, int retries, Duration backoff, Duration scanTimeout,
                     Duration callTimeout, Duration taskTimeout) {

    public static final Preset DEFAULT = new Preset("default", 64, 18, 3, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(10), Duration.ofMinutes(2));
    public static final Preset CONSERVATIVE = new Preset("conservative", 16, 10, 5, Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofSeconds(20), Duration.ofMinutes(4));
    public static final Preset AGGRESSIVE = new Preset("aggressive", 256, 20, 2, Duration.ofMillis(500), Duration.ofMinutes(3),
            Duration.ofSeconds(5), Duration.ofMinutes(1));

    /** Every preset, mildest first. */
    public static final List<Preset> ALL = List.of(CONSERVATIVE, DEFAULT, AGGRESSIVE);

    public static Preset named(String name) {
        return switch (name) {
            case "default" -> DEFAULT;
            case "conservative" -> CONSERVATIVE;
            case "aggressive" -> AGGRESSIVE;
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use default, conservative or aggressive");
        };
    }
}
