package io.eksfleet.coordinator;

import io.eksfleet.output.AwsConfigFile;
import io.eksfleet.output.KubeconfigEntry;
import io.eksfleet.output.KubeconfigFile;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.output.ContextTemplate;
import io.eksfleet.scan.HubSource;
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

/**
 * Turns a scan's clusters into kubeconfig entries and the AWS profiles their exec users name. Only ACTIVE
 * and UPDATING clusters get entries, as {@code aws eks update-kubeconfig} does; {@code --prune} removes
 * entries eksfleet wrote earlier for clusters that a complete listing of their account and region no
 * longer shows.
 */
public final class OutputWriter {

    /** What was written, for the summary and the report. */
    public record Written(String kubeconfig, String awsConfig, int added, int updated, int unchanged, List<String> pruned,
                   int profiles, boolean dryRun, String preview) {
    }

    /**
     * Where and how to write: the files, context names, and what else the command asked for.
     *
     * @param prune remove eksfleet's entries for clusters that are gone
     */
    public record Settings(Path kubeconfig, Path awsConfig, ContextTemplate contextTemplate, boolean dryRun, boolean prune,
                           String currentContext) {
    }

    /** How the clusters' accounts are reached: an SSO login (entries use profiles), or the hub (entries assume the role). */
    public record Access(SsoSource sso, HubSource hub) {
    }

    private final Settings settings;

    public OutputWriter(Settings settings) {
        this.settings = settings;
    }

    /** Loads both files first, so that a file eksfleet must not touch stops the command before it starts. */
    public void check() {
        io.eksfleet.output.AtomicFile.checkWritable(settings.kubeconfig());
        io.eksfleet.output.AtomicFile.checkWritable(settings.awsConfig());
        KubeconfigFile.load(settings.kubeconfig());
        AwsConfigFile.load(settings.awsConfig());
    }

    /**
     * A scan's clusters; {@code --prune} removes the entries of clusters that complete listings of their account
     * and region no longer show, or that can no longer be connected to (deleting, failed).
     */
    Written write(ScanOutcome outcome, Access access) throws IOException {
        Set<String> keep = new HashSet<>();
        outcome.clusters().stream().filter(ClusterRecord::reachable).forEach(c -> keep.add(c.arn()));
        return write(outcome.clusters(), access, arn -> {
            String[] parts = arn.split(":");
            return !keep.contains(arn) && outcome.regionComplete(parts[4], parts[3]);
        });
    }

    /**
     * @param gone with {@code prune}: whether eksfleet's entry for this cluster ARN is for a cluster that no
     *     longer exists
     */
    public Written write(List<ClusterRecord> clusters, Access access, Predicate<String> gone) throws IOException {
        List<ClusterRecord> reachable = clusters.stream().filter(ClusterRecord::reachable)
                .sorted(Comparator.comparing(ClusterRecord::accountName).thenComparing(ClusterRecord::region)
                        .thenComparing(ClusterRecord::name))
                .toList();
        // Hub-mode entries assume the role; no profile to write (nor for an empty inventory).
        boolean hub = access.sso() == null;
        Map<String, String> profiles = hub ? Map.of() : profileNames(reachable);
        KubeconfigFile kubeconfig = KubeconfigFile.load(settings.kubeconfig());
        Map<String, String> contexts = contextNames(reachable);
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (ClusterRecord c : reachable) {
            KubeconfigEntry entry = hub ? KubeconfigEntry.assumingRole(c, contexts.get(c.arn()))
                    : KubeconfigEntry.of(c, contexts.get(c.arn()), profiles.get(profileKey(c)));
            switch (kubeconfig.upsert(entry)) {
                case ADDED -> added++;
                case UPDATED -> updated++;
                default -> unchanged++;
            }
        }
        List<String> pruned = new ArrayList<>();
        if (settings.prune()) {
            pruned = kubeconfig.prune(gone);
        }
        if (settings.currentContext() != null) {
            kubeconfig.currentContext(settings.currentContext());
        }
        AwsConfigFile awsConfig = AwsConfigFile.load(settings.awsConfig());
        if (!hub) {
            writeProfiles(awsConfig, access.sso(), reachable, profiles);
        }
        if (settings.dryRun()) {
            return new Written(settings.kubeconfig().toString(), settings.awsConfig().toString(), added, updated, unchanged,
                    pruned, profiles.size(), true, kubeconfig.render());
        }
        kubeconfig.save();
        if (!hub) {
            awsConfig.save();
        }
        return new Written(settings.kubeconfig().toString(), settings.awsConfig().toString(), added, updated, unchanged,
                pruned, profiles.size(), false, null);
    }

    private void writeProfiles(AwsConfigFile file, SsoSource sso, List<ClusterRecord> clusters, Map<String, String> profiles) {
        if (sso.sessionName() != null && file.section("sso-session " + sso.sessionName()).isEmpty()) {
            Map<String, String> session = new LinkedHashMap<>();
            session.put("sso_start_url", sso.startUrl());
            session.put("sso_region", sso.region());
            session.put("sso_registration_scopes", "sso:account:access");
            file.upsert("sso-session " + sso.sessionName(), session);
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
     * One profile per account and role, named {@code <account name>.<role>} (characters outside
     * {@code [A-Za-z0-9._-]} become {@code -}); when two accounts share a name, their ids tell them apart.
     */
    static Map<String, String> profileNames(List<ClusterRecord> clusters) {
        Map<String, String> byKey = new LinkedHashMap<>();
        Map<String, Set<String>> keysByName = new HashMap<>();
        for (ClusterRecord c : clusters) {
            String name = (c.accountName() + "." + c.roleName()).replaceAll("[^A-Za-z0-9._-]", "-");
            keysByName.computeIfAbsent(name, n -> new HashSet<>()).add(profileKey(c));
            byKey.put(profileKey(c), name);
        }
        byKey.replaceAll((key, name) -> keysByName.get(name).size() > 1 ? name + "." + key.substring(0, key.indexOf('/')) : name);
        return byKey;
    }

    /** Context names from the template; if the template makes two equal, both get the account id and region. */
    private Map<String, String> contextNames(List<ClusterRecord> clusters) {
        Map<String, List<ClusterRecord>> byName = new LinkedHashMap<>();
        clusters.forEach(c -> byName.computeIfAbsent(settings.contextTemplate().name(c), n -> new ArrayList<>()).add(c));
        Map<String, String> out = new HashMap<>();
        byName.forEach((name, list) -> list.forEach(c ->
                out.put(c.arn(), list.size() == 1 ? name : name + " (" + c.accountId() + "/" + c.region() + ")")));
        return out;
    }

    private static String profileKey(ClusterRecord c) {
        return c.accountId() + "/" + c.roleName();
    }
}
