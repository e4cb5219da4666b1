package io.eksfleet.simulator.org;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commercial-partition regions the simulator knows, and which of them need opting in. The 17 regions
 * enabled by default come first, in the order the generator enables them.
 */
public final class Regions {

    private static final List<String> DEFAULT_ENABLED = List.of(
            "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1",
            "us-east-2", "us-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "ap-southeast-2",
            "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ca-central-1", "sa-east-1");

    private static final List<String> OPT_IN = List.of(
            "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1",
            "me-central-1", "me-south-1", "mx-central-1");

    private static final Map<String, Boolean> OPT_IN_BY_NAME = new LinkedHashMap<>();

    static {
        DEFAULT_ENABLED.forEach(r -> OPT_IN_BY_NAME.put(r, false));
        OPT_IN.forEach(r -> OPT_IN_BY_NAME.put(r, true));
    }

    private Regions() {
    }

    /** Every known region, default-enabled ones first. */
    public static List<String> all() {
        return List.copyOf(OPT_IN_BY_NAME.keySet());
    }

    public static boolean isKnown(String region) {
        return OPT_IN_BY_NAME.containsKey(region);
    }

    /** Empty for an unknown region. */
    public static Optional<Boolean> requiresOptIn(String region) {
        return Optional.ofNullable(OPT_IN_BY_NAME.get(region));
    }

    /** The first {@code count} regions an account would have: the default ones, then opt-in ones. */
    public static List<String> firstEnabled(int count) {
        return all().subList(0, Math.min(count, OPT_IN_BY_NAME.size()));
    }
}
