package io.eksfleet.output;


import io.eksfleet.host.PathRefusedException;
import io.eksfleet.host.UserPath;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.Printable;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scan's clusters into kubeconfig entries and the AWS profiles their exec users name. Only ACTIVE
 * and UPDATING clusters get entries, as {@code aws eks update-kubeconfig} does; {@code --prune} removes
 * entries eksfleet wrote earlier for clusters that a complete listing of their account and region no
 * longer shows.
 */
public final class OutputWriter {

    /**
     * What was written, for the summary and the report.
     *
     * @param kept clusters that are gone but whose entries another entry still uses, with that entry
     * @param notes context names that were taken, entries left alone, stale locks removed
     * @param profileNotes profile names that were another's, and the names written instead
     * @param notWritten a line per file that could not be written, saying why
     * @param kubeconfigFailed the kubeconfig could not be written: its counts are then zero, as nothing landed
     * @param awsConfigFailed the AWS config could not be written: {@code profiles} is then zero
     * @param refused clusters that got no entry because they did not pass {@link ClusterCheck}
     * @param inaccessible clusters left out because their role has no access entry where one is needed ({@code onlyAccessible})
     * @param kubeconfigMs how long the kubeconfig took: read under its lock, merged, rendered and written (a dry run:
     *     read, merged and rendered)
     * @param kubeconfigStamp the kubeconfig as this write left it, taken under its lock; null when nothing was written
     *     (a dry run, a failure)
     */
    public record Written(String kubeconfig, String awsConfig, int added, int updated, int unchanged, List<String> pruned,
                          List<String> kept, List<String> notes, int profiles, List<String> profileNotes, boolean dryRun,
                          String preview, List<String> notWritten, boolean kubeconfigFailed, boolean awsConfigFailed,
                          List<Refused> refused, long kubeconfigMs, List<String> inaccessible, FileStamp kubeconfigStamp) {

        public boolean complete() {
            return notWritten.isEmpty();
        }
    }

    /** A cluster that gets no kubeconfig entry, and why. */
    public record Refused(String arn, String reason) {

        public Refused {
            arn = Printable.of(arn);
        }

        @Override
        public String toString() {
            return arn + ": " + reason;
        }
    }

    /**
     * Where and how to write: the files, context names, and what else the command asked for.
     *
     * @param prune remove eksfleet's entries for clusters that are gone
     * @param allowLoopbackEndpoints let clusters whose endpoint is on this machine (a simulator) have entries
     * @param onlyAccessible leave out clusters whose role has no access entry where the cluster needs one (answer {@code no})
     */
    public record Settings(Path kubeconfig, Path awsConfig, ContextTemplate contextTemplate, ProfileTemplate profileTemplate,
                           boolean dryRun, boolean prune, String currentContext, boolean allowLoopbackEndpoints,
                           boolean onlyAccessible) {
    }

    private final Settings settings;

    public OutputWriter(Settings settings) {
        this.settings = settings;
    }

    /**
     * Checks both files before a command starts, so that a file eksfleet must not or cannot touch stops it
     * before any AWS call: both must parse, and unless it is a dry run, both must be writable and free of a
     * stale lock. Returns notes to show (a dead process's lock that was removed).
     */
    public List<String> check() {
        List<String> notes = new ArrayList<>();
        for (UserPath file : List.of(KubeconfigFile.userPath(settings.kubeconfig()), AwsConfigFile.userPath(settings.awsConfig()))) {
            if (settings.dryRun()) {
                AtomicFile.checkReadable(file);
            } else {
                AtomicFile.checkWritable(file).ifPresent(notes::add);
            }
        }
        KubeconfigFile.load(settings.kubeconfig());
        AwsConfigFile.load(settings.awsConfig());
        return notes;
    }

    /**
     * Merges the clusters into the files as they are at the moment of writing, each read under its lock.
     * Only ACTIVE and UPDATING clusters that pass {@link ClusterCheck} get entries; the others that it refuses
     * are listed in {@link Written#refused()}. A file that cannot be written is reported in {@link Written#notWritten()}, not thrown, so that a scan
     * still reports what it found.
     *
     * @param access how the clusters' accounts are reached: an SSO login (entries use profiles), or the hub (entries
     *     assume the role); the role is each cluster's own
     * @param gone whether an eksfleet entry's cluster ARN is for a cluster that no longer exists: such
     *     entries are pruned (with {@code prune}), and their context names may be taken over
     */
    public Written write(List<ClusterRecord> clusters, Access access, Predicate<String> gone) {
        ClusterCheck check = new ClusterCheck(settings.allowLoopbackEndpoints());
        List<Refused> refused = new ArrayList<>();
        List<ClusterRecord> reachable = new ArrayList<>();
        List<String> inaccessible = new ArrayList<>();
        List<ClusterRecord> leftOut = new ArrayList<>();
        java.util.Set<String> refusedArns = new java.util.HashSet<>();
        for (ClusterRecord c : clusters.stream().flatMap(c -> c.perRole().stream()).toList()) {
            if (c.reachable() && leavesOut(c)) {
                inaccessible.add(c.arn());
                leftOut.add(c);
            } else if (c.reachable() && !refusedArns.contains(c.arn())) {
                // A refusal is the cluster's (its endpoint or certificate), not a role's: one line however many roles found it.
                check.problem(c).ifPresentOrElse(reason -> {
                    refusedArns.add(c.arn());
                    refused.add(new Refused(c.arn(), reason));
                }, () -> reachable.add(c));
            }
        }
        reachable.sort(Comparator.comparing(ClusterRecord::accountName).thenComparing(ClusterRecord::region)
                .thenComparing(ClusterRecord::name).thenComparing(ClusterRecord::roleName, Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<String, Long> rolesOf = reachable.stream().collect(java.util.stream.Collectors.groupingBy(ClusterRecord::arn,
                java.util.stream.Collectors.counting()));
        // Hub-mode entries assume the role; no profile to write (nor for an empty inventory).
        boolean hub = !access.usesSso();
        List<String> notWritten = new ArrayList<>();
        AwsProfiles profiles = new AwsProfiles(access.sso(), hub ? List.of() : reachable, settings.profileTemplate());
        // Profiles are named before the kubeconfig is merged (afresh under the AWS config's lock when it is written),
        // so that its entries name the profiles actually written.
        profiles.name(readableAwsConfig());
        boolean awsConfigFailed = !hub && !settings.dryRun()
                && !save(settings.awsConfig(), notWritten, () -> AwsConfigFile.update(settings.awsConfig(), profiles::write));
        KubeconfigMerge merge = new KubeconfigMerge(settings, gone);
        Map<ClusterRecord, List<String>> sharedContexts = contextNames(reachable, c -> rolesOf.get(c.arn()) > 1);
        Map<ClusterRecord, List<String>> ownContexts = contextNames(reachable, c -> true);
        for (ClusterRecord c : reachable) {
            if (hub || profiles.name(c) != null) {
                KubeconfigEntry own = entry(c, hub, profiles, true);
                KubeconfigEntry shared = rolesOf.get(c.arn()) > 1 ? own : entry(c, hub, profiles, false);
                merge.add(shared, sharedContexts.get(c), own, ownContexts.get(c));
            }
        }
        leftOut.forEach(c -> merge.leaveOut(c.arn(), c.roleName()));
        String preview = null;
        boolean kubeconfigFailed = false;
        FileStamp[] stamp = {null};
        long kubeconfigStart = System.nanoTime();
        if (settings.dryRun()) {
            preview = merge.apply(AtomicFile.read(KubeconfigFile.userPath(settings.kubeconfig())).orElse(null));
        } else {
            kubeconfigFailed = !save(settings.kubeconfig(), notWritten,
                    () -> stamp[0] = AtomicFile.updateStamped(KubeconfigFile.userPath(settings.kubeconfig()), merge::apply));
        }
        long kubeconfigMs = (System.nanoTime() - kubeconfigStart) / 1_000_000;
        int profilesWritten = awsConfigFailed ? 0 : profiles.count();
        if (kubeconfigFailed) {
            // The merge ran on the file under its lock and then did not land: none of what it counted is in the file.
            return new Written(settings.kubeconfig().toString(), settings.awsConfig().toString(), 0, 0, 0, List.of(), List.of(),
                    List.of(), profilesWritten, profiles.notes(), false, null, notWritten, true, awsConfigFailed, refused, kubeconfigMs, inaccessible,
                    null);
        }
        return new Written(settings.kubeconfig().toString(), settings.awsConfig().toString(), merge.added, merge.updated,
                merge.unchanged, merge.pruned, merge.kept, merge.notes, profilesWritten, profiles.notes(), settings.dryRun(),
                preview, notWritten, false, awsConfigFailed, refused, kubeconfigMs, inaccessible, stamp[0]);
    }

    private static KubeconfigEntry entry(ClusterRecord c, boolean hub, AwsProfiles profiles, boolean ownUser) {
        return hub ? KubeconfigEntry.assumingRole(c, ownUser) : KubeconfigEntry.of(c, profiles.name(c), ownUser);
    }

    /**
     * Whether this write leaves the cluster out because its role cannot authenticate to it ({@code onlyAccessible}): such
     * a cluster's earlier entries count as gone for {@code --prune}.
     */
    public boolean leavesOut(ClusterRecord c) {
        return settings.onlyAccessible() && c.accessDenied();
    }

    private interface Save {
        void run() throws IOException;
    }

    /** Runs one file's write; false, with the reason in {@code notWritten}, when it did not land. */
    private static boolean save(Path file, List<String> notWritten, Save save) {
        try {
            save.run();
            return true;
        } catch (OutputException | PathRefusedException e) {
            notWritten.add(e.getMessage());
        } catch (IOException e) {
            notWritten.add(file + " was not written: " + e.getMessage());
        }
        return false;
    }

    /**
     * The AWS config as it is now, read without the lock: a dry run's names, and the names a write falls back
     * on when it cannot take the lock (an unreadable file was refused by {@link #check()}).
     */
    private AwsConfigFile readableAwsConfig() {
        try {
            return AwsConfigFile.load(settings.awsConfig());
        } catch (OutputException e) {
            return AwsConfigFile.parse(settings.awsConfig(), null);
        }
    }

    /**
     * The context names each cluster may take, best first: the template's name, the same with the account id
     * and region, the same with the ARN. When the template gives two clusters of this write the same name,
     * neither takes the bare one. The file decides which is free (see {@link KubeconfigFile#upsert}).
     */
    private Map<ClusterRecord, List<String>> contextNames(List<ClusterRecord> clusters, Predicate<ClusterRecord> ownUser) {
        Map<String, List<ClusterRecord>> byName = new LinkedHashMap<>();
        clusters.forEach(c -> byName.computeIfAbsent(settings.contextTemplate().name(c, ownUser.test(c)),
                n -> new ArrayList<>()).add(c));
        Map<ClusterRecord, List<String>> out = new HashMap<>();
        byName.forEach((name, list) -> list.forEach(c -> {
            List<String> names = new ArrayList<>();
            if (list.size() == 1) {
                names.add(name);
            }
            names.add(name + " (" + c.accountId() + "/" + c.region() + ")");
            names.add(name + " (" + c.arn() + ")");
            out.put(c, names);
        }));
        return out;
    }
}
