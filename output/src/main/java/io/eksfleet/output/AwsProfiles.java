package io.eksfleet.output;

import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.SsoSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The AWS profiles one write needs, one per account and role, and the names they get in the file.
 *
 * <p>eksfleet changes only its own profiles: those marked {@value AwsConfigFile#MARKER} {@code = true},
 * which it adds to every profile it writes, and unmarked ones whose keys are exactly the keys it would
 * write (an earlier eksfleet's, written before the marker), which it marks and then keeps up to date. When
 * the template's name is taken by any other profile, that profile stays as it is and the account and role
 * get the first free name of {@code NAME.ACCOUNT_ID}, then that numbered, as a context whose name is taken
 * gets another; a note says so.
 */
final class AwsProfiles {

    private record Profile(String wanted, String accountId, Map<String, String> keys) {
    }

    private final SsoSource sso;
    private final Map<String, Profile> byKey = new LinkedHashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    AwsProfiles(SsoSource sso, List<ClusterRecord> clusters, ProfileTemplate template) {
        this.sso = sso;
        Map<String, String> wanted = wantedNames(clusters, template);
        clusters.forEach(c -> byKey.putIfAbsent(key(c), new Profile(wanted.get(key(c)), c.accountId(), keys(sso, c))));
    }

    /**
     * Names every profile from the file as it is: the template's name where the profile of that name is
     * absent or eksfleet's, else the first such of the other names. Called again, it names afresh.
     */
    void name(AwsConfigFile file) {
        names.clear();
        notes.clear();
        Set<String> wanted = new HashSet<>();
        byKey.values().forEach(p -> wanted.add(p.wanted()));
        Set<String> used = new HashSet<>();
        byKey.forEach((key, p) -> {
            if (!used.contains(p.wanted()) && ours(file, p.wanted(), p)) {
                names.put(key, p.wanted());
                used.add(p.wanted());
            }
        });
        byKey.forEach((key, p) -> {
            if (names.containsKey(key)) {
                return;
            }
            Optional<String> other = candidates(p).stream()
                    .filter(n -> !wanted.contains(n) && !used.contains(n) && ours(file, n, p)).findFirst();
            if (other.isPresent()) {
                names.put(key, other.get());
                used.add(other.get());
                notes.add("profile " + p.wanted() + " is not eksfleet's; wrote " + other.get() + " instead");
            } else {
                notes.add("profile " + p.wanted() + " is not eksfleet's, nor are the other names eksfleet tried: "
                        + key + " got no profile, and its clusters no kubeconfig entries");
            }
        });
    }

    /** Names the profiles from the file and writes them, with the {@code [sso-session]} section when the file lacks it. */
    void write(AwsConfigFile file) {
        name(file);
        if (sso.sessionName() != null) {
            Optional<Map<String, String>> session = file.section("sso-session " + sso.sessionName());
            if (session.isEmpty()) {
                file.upsert("sso-session " + sso.sessionName(), AwsConfigFile.ssoSession(sso.startUrl(), sso.region()));
            } else if (!sso.startUrl().equals(session.get().get("sso_start_url"))) {
                notes.add("sso-session " + sso.sessionName() + " logs in at " + session.get().get("sso_start_url") + ", not "
                        + sso.startUrl() + ": eksfleet left it as it is, and its profiles log in through it");
            }
        }
        byKey.forEach((key, p) -> {
            String name = names.get(key);
            if (name != null) {
                Map<String, String> keys = new LinkedHashMap<>(p.keys());
                keys.put(AwsConfigFile.MARKER, "true");
                file.upsert("profile " + name, keys);
            }
        });
    }

    /** The profile named for the cluster's account and role; null when every name was another's. */
    String name(ClusterRecord c) {
        return names.get(key(c));
    }

    int count() {
        return names.size();
    }

    /** A line per profile whose name was taken, and for a session that logs in elsewhere than the scan did. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * A profile of that name is eksfleet's to write: there is none, it carries the marker, or it holds exactly
     * the keys eksfleet would write, no more and no other values.
     */
    private static boolean ours(AwsConfigFile file, String name, Profile p) {
        Optional<Map<String, String>> section = file.section("profile " + name);
        return section.isEmpty() || "true".equalsIgnoreCase(section.get().get(AwsConfigFile.MARKER)) || section.get().equals(p.keys());
    }

    private static List<String> candidates(Profile p) {
        String withId = p.wanted().contains(p.accountId()) ? p.wanted() + ".eksfleet" : p.wanted() + "." + p.accountId();
        List<String> out = new ArrayList<>(List.of(withId));
        for (int n = 2; n < 100; n++) {
            out.add(withId + "-" + n);
        }
        return out;
    }

    /** The keys {@code aws configure sso} writes for the account and role: the session, or the start URL and its region. */
    private static Map<String, String> keys(SsoSource sso, ClusterRecord c) {
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
        return keys;
    }

    /**
     * The template's name for each account and role; when it gives two of them the same name (two accounts of
     * the same name, a template without the role), the account ids and roles tell them apart.
     */
    static Map<String, String> wantedNames(List<ClusterRecord> clusters, ProfileTemplate template) {
        Map<String, String> byKey = new LinkedHashMap<>();
        clusters.forEach(c -> byKey.put(key(c), template.name(c)));
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

    private static String key(ClusterRecord c) {
        return c.accountId() + "/" + c.roleName();
    }
}
