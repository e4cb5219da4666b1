package io.eksfleet.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One write's changes to a kubeconfig, applied to the file's text as it is when the write holds the lock
 * (never to a copy read earlier), and what they did, for the summary.
 */
final class KubeconfigMerge {

    /**
     * A cluster's entry for one role: {@code shared} names the user by the cluster's ARN; {@code own} is the role's own
     * user ({@code ARN (ROLE)}) that it takes where the file says so ({@link KubeconfigFile#needsOwnUser}). Both are the
     * same entry when this write gives the cluster several roles.
     */
    private record Wanted(KubeconfigEntry shared, List<String> sharedContextNames, KubeconfigEntry own, List<String> ownContextNames) {
    }

    /** A role left out of a cluster it can no longer use ({@code --only-accessible}); with prune its entries go. */
    private record LeftOut(String arn, String role) {
    }

    private final OutputWriter.Settings settings;
    private final Predicate<String> gone;
    private final List<Wanted> entries = new ArrayList<>();
    private final List<LeftOut> leftOut = new ArrayList<>();

    int added;
    int updated;
    int unchanged;
    List<String> pruned = List.of();
    List<String> kept = List.of();
    final List<String> notes = new ArrayList<>();

    KubeconfigMerge(OutputWriter.Settings settings, Predicate<String> gone) {
        this.settings = settings;
        this.gone = gone;
    }

    void add(KubeconfigEntry shared, List<String> sharedContextNames, KubeconfigEntry own, List<String> ownContextNames) {
        entries.add(new Wanted(shared, sharedContextNames, own, ownContextNames));
    }

    void leaveOut(String arn, String role) {
        leftOut.add(new LeftOut(arn, role));
    }

    /**
     * The merged text, or {@code text} itself when the merge changed nothing kubectl reads; counts and notes
     * describe this merge (a retried write counts afresh).
     */
    String apply(String text) {
        KubeconfigFile file = KubeconfigFile.parse(settings.kubeconfig(), text);
        added = 0;
        updated = 0;
        unchanged = 0;
        notes.clear();
        for (Wanted wanted : entries) {
            boolean own = wanted.own() == wanted.shared() || file.needsOwnUser(wanted.shared(), wanted.own());
            KubeconfigFile.Upsert upsert = own ? file.upsert(wanted.own(), wanted.ownContextNames(), gone)
                    : file.upsert(wanted.shared(), wanted.sharedContextNames(), gone);
            switch (upsert.change()) {
                case ADDED -> added++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case SKIPPED -> { }
            }
            if (upsert.note() != null) {
                notes.add(upsert.note());
            }
        }
        if (settings.prune()) {
            List<String> removed = new ArrayList<>();
            leftOut.forEach(role -> removed.addAll(file.removeRole(role.arn(), role.role())));
            KubeconfigFile.Pruned result = file.prune(gone);
            removed.addAll(result.removed());
            // A role's user named by the ARN goes as its cluster does: named once.
            pruned = List.copyOf(new java.util.LinkedHashSet<>(removed));
            kept = result.kept();
        }
        if (settings.currentContext() != null && file.contextNames().contains(settings.currentContext())) {
            file.currentContext(settings.currentContext());
        } else if (settings.currentContext() != null) {
            // kubectl refuses every command of a file whose current-context names no context: better not to switch.
            notes.add("current-context " + settings.currentContext() + " is not a context of the kubeconfig, so it was left as it was"
                    + " (kubectl config get-contexts lists them; with several roles a context ends in /ROLE)");
        }
        // Rendering a file that kubectl wrote would re-quote and reorder it: an unchanged file is not rewritten.
        return text == null || file.changed() ? file.render() : text;
    }
}
