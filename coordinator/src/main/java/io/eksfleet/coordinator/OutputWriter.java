package io.eksfleet.coordinator;

import io.eksfleet.output.AwsConfigFile;
import io.eksfleet.output.KubeconfigEntry;
import io.eksfleet.output.KubeconfigFile;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.SsoSource;
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

    private final ScanSettings settings;

    OutputWriter(ScanSettings settings) {
        this.settings = settings;
    }

    /** Loads both files first, so that a file eksfleet must not touch stops the scan before it starts. */
    void check() {
        io.eksfleet.output.AtomicFile.checkWritable(settings.kubeconfig());
        io.eksfleet.output.AtomicFile.checkWritable(settings.awsConfig());
        KubeconfigFile.load(settings.kubeconfig());
        AwsConfigFile.load(settings.awsConfig());
    }

    Written write(ScanOutcome outcome) throws IOException {
        List<ClusterRecord> reachable = outcome.clusters().stream().filter(ClusterRecord::reachable)
                .sorted(Comparator.comparing(ClusterRecord::accountName).thenComparing(ClusterRecord::region)
                        .thenComparing(ClusterRecord::name))
                .toList();
        boolean hub = settings.hub() != null;
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
            Set<String> keep = new HashSet<>();
            reachable.forEach(c -> keep.add(c.arn()));
            pruned = kubeconfig.prune(arn -> {
                String[] parts = arn.split(":");
                return !keep.contains(arn) && outcome.regionComplete(parts[4], parts[3]);
            });
        }
        if (settings.currentContext() != null) {
            kubeconfig.currentContext(settings.currentContext());
        }
        AwsConfigFile awsConfig = AwsConfigFile.load(settings.awsConfig());
        if (!hub) {
            writeProfiles(awsConfig, reachable, profiles);
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

    private void writeProfiles(AwsConfigFile file, List<ClusterRecord> clusters, Map<String, String> profiles) {
        SsoSource sso = settings.sso();
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
