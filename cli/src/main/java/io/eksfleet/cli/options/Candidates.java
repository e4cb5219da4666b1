package io.eksfleet.cli.options;

import io.eksfleet.scan.Preset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;

/**
 * The values shell completion offers for options whose values come from a known set (picocli's
 * {@code completionCandidates}); enum-typed options ({@code --output}) get theirs from picocli itself.
 */
public final class Candidates {

    private Candidates() {
    }

    /** The names of {@code --preset}. */
    public static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Preset.ALL.stream().map(Preset::name).iterator();
        }
    }

    /** The regions of the {@code aws} partition that the SDK knows, the only ones eksfleet scans. */
    public static final class Regions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }

        static List<String> names() {
            return Region.regions().stream().filter(r -> !r.isGlobalRegion() && r.metadata() != null
                    && "aws".equals(r.metadata().partition().id())).map(Region::id).sorted().toList();
        }
    }

    /** {@code --regions} of a scan: {@code enabled}, {@code all}, or regions. */
    public static final class RegionChoices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(List.of("enabled", "all"));
            all.addAll(Regions.names());
            return all.iterator();
        }
    }

    /** The statuses of an EKS cluster (DescribeCluster's {@code status}). */
    public static final class ClusterStatuses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.of("ACTIVE", "CREATING", "UPDATING", "DELETING", "FAILED", "PENDING").iterator();
        }
    }
}
