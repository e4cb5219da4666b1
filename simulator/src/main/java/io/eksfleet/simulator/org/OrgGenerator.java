package io.eksfleet.simulator.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds an organisation from a size and a seed; the same arguments always give the same organisation.
 *
 * <p>Clusters are spread unevenly (a skewed draw, so some accounts hold many and many hold none) and are
 * named from a short list, so the same cluster name shows up in many accounts and regions, as in real
 * fleets. About one cluster in twelve is in a status other than ACTIVE, and an organisation with at least
 * {@value #EVERY_STATUS_FROM} clusters has every status at least once.
 */
public final class OrgGenerator {

    /** Roles every generated account has: two SSO permission sets and one role for hub-mode scans. */
    public static final List<String> ROLES = List.of("AdministratorAccess", "ReadOnly", "EksFleetReader");

    static final int EVERY_STATUS_FROM = 12;

    private static final String[] TEAMS = {"payments", "identity", "search", "platform", "data", "ml",
        "checkout", "ledger", "growth", "media", "infra", "security", "mobile", "analytics", "support"};
    private static final String[] STAGES = {"prod", "staging", "dev", "sandbox", "shared"};
    private static final String[] CLUSTER_NAMES = {"main", "prod", "staging", "dev", "platform", "apps",
        "data", "ml-training", "edge", "shared", "batch", "ingress"};
    private static final String[] VERSIONS = {"1.29", "1.30", "1.31", "1.32", "1.33"};
    private static final String[] CELLS = {"gr7", "yl4", "sk1", "ap1"};
    private static final ClusterStatus[] UNUSUAL = {ClusterStatus.UPDATING, ClusterStatus.CREATING,
        ClusterStatus.FAILED, ClusterStatus.DELETING, ClusterStatus.PENDING};
    private static final Instant OLDEST = Instant.parse("2019-01-01T00:00:00Z");
    private static final long SPAN_MILLIS = Instant.parse("2026-06-30T00:00:00Z").toEpochMilli() - OLDEST.toEpochMilli();

    private OrgGenerator() {
    }

    /**
     * @param accounts member accounts (besides the management account)
     * @param regionsPerAccount enabled regions per account: the default ones first, then opt-in ones
     * @param clusters clusters in the whole organisation
     * @param seed the same seed gives the same organisation
     */
    public static Organization generate(int accounts, int regionsPerAccount, int clusters, long seed) {
        if (accounts < 1 || regionsPerAccount < 1 || clusters < 0) {
            throw new IllegalArgumentException("need at least 1 account and 1 region, and 0 or more clusters");
        }
        if (regionsPerAccount > Regions.all().size()) {
            throw new IllegalArgumentException("at most " + Regions.all().size() + " regions per account");
        }
        Random random = new Random(seed);
        String managementAccount = accountId(random);
        List<String> regions = Regions.firstEnabled(regionsPerAccount);

        List<String> ids = new ArrayList<>();
        Set<String> usedIds = new HashSet<>(Set.of(managementAccount));
        Set<String> usedNames = new HashSet<>();
        List<String> names = new ArrayList<>();
        while (ids.size() < accounts) {
            String id = accountId(random);
            if (usedIds.add(id)) {
                ids.add(id);
                names.add(uniqueName(random, usedNames));
            }
        }

        List<List<Cluster>> perAccount = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            perAccount.add(new ArrayList<>());
        }
        Set<String> usedClusterKeys = new HashSet<>();
        for (int n = 0; n < clusters; n++) {
            // Squaring a uniform draw skews clusters towards the first accounts: uneven, like real fleets.
            double u = random.nextDouble();
            int account = (int) (u * u * accounts);
            String region = regions.get(random.nextInt(regions.size()));
            String name = uniqueClusterName(random, ids.get(account), region, usedClusterKeys);
            ClusterStatus status = statusFor(random, n, clusters);
            perAccount.get(account).add(cluster(random, name, region, status, names.get(account)));
        }

        List<Account> accountList = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            accountList.add(new Account(ids.get(i), names.get(i), "aws+" + names.get(i) + "@example.com",
                    AccountStatus.ACTIVE, ROLES, regions, null, perAccount.get(i)));
        }
        String orgId = "o-" + lowerAlnum(random, 10);
        String startUrl = "https://d-" + digits(random, 10) + ".awsapps.com/start";
        HubPrincipal hub = new HubPrincipal("eksfleet-hub", "AKIDSIMHUB" + upperAlnum(random, 10),
                lowerAlnum(random, 40));
        return new Organization(orgId, managementAccount, startUrl, "us-east-1", hub, accountList);
    }

    private static ClusterStatus statusFor(Random random, int index, int total) {
        if (total >= EVERY_STATUS_FROM && index < UNUSUAL.length) {
            return UNUSUAL[index];
        }
        return random.nextInt(12) == 0 ? UNUSUAL[random.nextInt(UNUSUAL.length)] : ClusterStatus.ACTIVE;
    }

    private static Cluster cluster(Random random, String name, String region, ClusterStatus status, String team) {
        String version = VERSIONS[random.nextInt(VERSIONS.length)];
        String platform = "eks." + (1 + random.nextInt(30));
        Instant created = OLDEST.plusMillis((long) (random.nextDouble() * SPAN_MILLIS));
        boolean reachable = status != ClusterStatus.CREATING && status != ClusterStatus.FAILED;
        String endpoint = reachable
                ? "https://" + hex(random, 32) + "." + CELLS[random.nextInt(CELLS.length)] + "." + region + ".eks.amazonaws.com"
                : null;
        String ca = reachable ? fakeCertificate(random) : null;
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", team.substring(0, team.indexOf('-')));
        tags.put("managed-by", random.nextBoolean() ? "terraform" : "eksctl");
        return new Cluster(name, region, version, platform, status, created, endpoint, ca, tags);
    }

    /** The cluster as it is once up: an endpoint and a certificate authority, as a cluster that left CREATING has. */
    public static Cluster up(Cluster c, Random random) {
        String endpoint = c.endpoint() != null ? c.endpoint()
                : "https://" + hex(random, 32) + "." + CELLS[random.nextInt(CELLS.length)] + "." + c.region() + ".eks.amazonaws.com";
        return new Cluster(c.name(), c.region(), c.version(), c.platformVersion(), ClusterStatus.ACTIVE, c.createdAt(), endpoint,
                c.certificateAuthorityData() != null ? c.certificateAuthorityData() : fakeCertificate(random), c.tags());
    }

    private static String uniqueName(Random random, Set<String> used) {
        String base = TEAMS[random.nextInt(TEAMS.length)] + "-" + STAGES[random.nextInt(STAGES.length)];
        String name = base;
        for (int n = 2; !used.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static String uniqueClusterName(Random random, String account, String region, Set<String> used) {
        String base = CLUSTER_NAMES[random.nextInt(CLUSTER_NAMES.length)];
        String name = base;
        for (int n = 2; !used.add(account + "/" + region + "/" + name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /** Seeded by the draws it has always taken, so that everything drawn after it stays as it was. */
    private static String fakeCertificate(Random random) {
        return ClusterAuthority.data(lowerAlnum(random, 120));
    }

    private static String accountId(Random random) {
        return (1 + random.nextInt(9)) + digits(random, 11);
    }

    private static String digits(Random random, int length) {
        return draw(random, "0123456789", length);
    }

    private static String hex(Random random, int length) {
        return draw(random, "0123456789ABCDEF", length);
    }

    private static String lowerAlnum(Random random, int length) {
        return draw(random, "abcdefghijklmnopqrstuvwxyz0123456789", length);
    }

    private static String upperAlnum(Random random, int length) {
        return draw(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
    }

    private static String draw(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
