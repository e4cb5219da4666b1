package io.eksfleet.output;


import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.Printable;
import io.eksfleet.scan.SsoSource;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

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
     * @param notWritten a line per file that could not be written, saying why
     * @param refused clusters that got no entry because they did not pass {@link ClusterCheck}
     */
    public record Written(String kubeconfig, String awsConfig, int added, int updated, int unchanged, List<String> pruned,
                          List<String> kept, List<String> notes, int profiles, boolean dryRun, String preview, List<String> notWritten,
                          List<Refused> refused) {

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
     */
    public record Settings(Path kubeconfig, Path awsConfig, ContextTemplate contextTemplate, ProfileTemplate profileTemplate,
                           boolean dryRun, boolean prune, String currentContext, boolean allowLoopbackEndpoints) {
    }

    /** How the clusters' accounts are reached: an SSO login (entries use profiles), or the hub (entries assume the role). */
    public record Access(SsoSource sso, HubSource hub) {
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
        for (Path file : List.of(settings.kubeconfig(), settings.awsConfig())) {
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
     * @param gone whether an eksfleet entry's cluster ARN is for a cluster that no longer exists: such
     *     entries are pruned (with {@code prune}), and their context names may be taken over
     */
    public Written write(List<ClusterRecord> clusters, Access access, Predicate<String> gone) {
        ClusterCheck check = new ClusterCheck(settings.allowLoopbackEndpoints());
        List<Refused> refused = new ArrayList<>();
        List<ClusterRecord> reachable = new ArrayList<>();
        for (ClusterRecord c : clusters) {
            if (c.reachable()) {
                check.problem(c).ifPresentOrElse(reason -> refused.add(new Refused(c.arn(), reason)), () -> reachable.add(c));
            }
        }
        reachable.sort(Comparator.comparing(ClusterRecord::accountName).thenComparing(ClusterRecord::region)
                .thenComparing(ClusterRecord::name));
        // Hub-mode entries assume the role; no profile to write (nor for an empty inventory).
        boolean hub = access.sso() == null;
        Map<String, String> profiles = hub ? Map.of() : profileNames(reachable, settings.profileTemplate());
        KubeconfigMerge merge = new KubeconfigMerge(settings, gone);
        Map<String, List<String>> contexts = contextNames(reachable);
        for (ClusterRecord c : reachable) {
            merge.add(hub ? KubeconfigEntry.assumingRole(c) : KubeconfigEntry.of(c, profiles.get(profileKey(c))), contexts.get(c.arn()));
        }
        List<String> notWritten = new ArrayList<>();
        String preview = null;
        if (settings.dryRun()) {
            preview = merge.apply(AtomicFile.read(settings.kubeconfig()).orElse(null));
        } else {
            save(settings.kubeconfig(), notWritten, () -> AtomicFile.update(settings.kubeconfig(), merge::apply));
            if (!hub) {
                save(settings.awsConfig(), notWritten, () -> AwsConfigFile.update(settings.awsConfig(),
                        file -> writeProfiles(file, access.sso(), reachable, profiles)));
            }
        }
        return new Written(settings.kubeconfig().toString(), settings.awsConfig().toString(), merge.added, merge.updated,
                merge.unchanged, merge.pruned, merge.kept, merge.notes, profiles.size(), settings.dryRun(), preview, notWritten, refused);
    }

    private interface Save {
        void run() throws IOException;
    }

    private static void save(Path file, List<String> notWritten, Save save) {
        try {
            save.run();
        } catch (OutputException e) {
            notWritten.add(e.getMessage());
        } catch (IOException e) {
            notWritten.add(file + " was not written: " + e.getMessage());
        }
    }

    private void writeProfiles(AwsConfigFile file, SsoSource sso, List<ClusterRecord> clusters, Map<String, String> profiles) {
        if (sso.sessionName() != null && file.section("sso-session " + sso.sessionName()).isEmpty()) {
            file.upsert("sso-session " + sso.sessionName(), AwsConfigFile.ssoSession(sso.startUrl(), sso.region()));
        }
        Set<String> done = new HashSet<>();
        for (ClusterRecord c : clusters) {
            String profile = profiles.get(profileKey(c));
            if (!done.add(profile)) {
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            if (sso.sessionName() != null) {
                keys.put("sso_session", sso.sessionName());
            } else {
                keys.put("sso_start_url", sso.startUrl());
                keys.put("sso_region", sso.region());
            }
            keys.put("sso_account_id", c.accountId());
            keys.put("sso_role_name", c.roleName());
            keys.put("region", sso.region());
            file.upsert("profile " + profile, keys);
        }
    }

    /**
     * One profile per account and role, named by the template; when it gives two of them the same name (two
     * accounts of the same name, a template without the role), the account ids and roles tell them apart.
     */
    static Map<String, String> profileNames(List<ClusterRecord> clusters, ProfileTemplate template) {
        Map<String, String> byKey = new LinkedHashMap<>();
        clusters.forEach(c -> byKey.put(profileKey(c), template.name(c)));
        distinguish(byKey, key -> key.substring(0, key.indexOf('/')));
        distinguish(byKey, key -> key.substring(key.indexOf('/') + 1));
        return byKey;
    }

    /** Appends the part of the key to every name that more than one key has. */
    private static void distinguish(Map<String, String> byKey, UnaryOperator<String> part) {
        Map<String, Set<String>> keysByName = new HashMap<>();
        byKey.forEach((key, name) -> keysByName.computeIfAbsent(name, n -> new HashSet<>()).add(key));
        byKey.replaceAll((key, name) -> keysByName.get(name).size() > 1 ? name + "." + part.apply(key) : name);
    }

    /**
     * The context names each cluster may take, best first: the template's name, the same with the account id
     * and region, the same with the ARN. When the template gives two clusters of this write the same name,
     * neither takes the bare one. The file decides which is free (see {@link KubeconfigFile#upsert}).
     */
    private Map<String, List<String>> contextNames(List<ClusterRecord> clusters) {
        Map<String, List<ClusterRecord>> byName = new LinkedHashMap<>();
        clusters.forEach(c -> byName.computeIfAbsent(settings.contextTemplate().name(c), n -> new ArrayList<>()).add(c));
        Map<String, List<String>> out = new HashMap<>();
        byName.forEach((name, list) -> list.forEach(c -> {
            List<String> names = new ArrayList<>();
            if (list.size() == 1) {
                names.add(name);
            }
            names.add(name + " (" + c.accountId() + "/" + c.region() + ")");
            names.add(name + " (" + c.arn() + ")");
            out.put(c.arn(), names);
        }));
        return out;
    }

    private static String profileKey(ClusterRecord c) {
        return c.accountId() + "/" + c.roleName();
    }
}
