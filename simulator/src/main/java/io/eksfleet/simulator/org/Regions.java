package io.eksfleet.simulator.org;

import java.util.List;
import java.util.Optional;

/**
 * The regions the simulator knows, in every partition, and which of them need opting in. Without a
 * partition these are the commercial ({@code aws}) partition's: the 17 regions enabled by default first,
 * in the order the generator enables them.
 */
public final class Regions {

    private Regions() {
    }

    /** Every known region of the {@code aws} partition, default-enabled ones first. */
    public static List<String> all() {
        return Partition.AWS.regions();
    }

    /** A region of any partition. */
    public static boolean isKnown(String region) {
        return Partition.ofRegion(region) != null;
    }

    /** Empty for an unknown region. */
    public static Optional<Boolean> requiresOptIn(String region) {
        return Optional.ofNullable(Partition.ofRegion(region)).map(p -> p.requiresOptIn(region));
    }

    /** The first {@code count} regions an account of the {@code aws} partition would have. */
    public static List<String> firstEnabled(int count) {
        return firstEnabled(Partition.AWS, count);
    }

    /** The first {@code count} regions an account of {@code partition} would have: the default ones, then opt-in ones. */
    public static List<String> firstEnabled(Partition partition, int count) {
        List<String> all = partition.regions();
        return all.subList(0, Math.min(count, all.size()));
    }
}
