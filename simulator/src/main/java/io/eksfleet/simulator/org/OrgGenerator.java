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
 *
 * <p>Each cluster that can hold access entries gets its node role's entry and, for some of the account's roles,
 * entries for the IAM role a hub-mode scan assumes ({@code role/NAME}) and for the IAM Identity Center role of
 * the permission set ({@code role/aws-reserved/sso.amazonaws.com/...}). With {@link Options#mixedAuthentication()}
 * clusters come in all three authentication modes (most {@code API_AND_CONFIG_MAP}, as new clusters are); without
 * it every cluster is {@code API_AND_CONFIG_MAP}, where the simulated {@code aws-auth} lets every role of the
 * account in. These draws come from a random source of their own, so the rest of the organisation is the same
 * with or without them.
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

    /** Where the organisation lives and whether its clusters come in every authentication mode. */
    public record Options(Partition partition, boolean mixedAuthentication) {

        public static final Options DEFAULT = new Options(Partition.AWS, false);

        public Options {
            partition = partition == null ? Partition.AWS : partition;
        }

        public Options withPartition(Partition p) {
            return new Options(p, mixedAuthentication);
        }

        public Options withMixedAuthentication(boolean mixed) {
            return new Options(partition, mixed);
        }
    }

    private OrgGenerator() {
    }

    /** An organisation in the {@code aws} partition whose clusters are all {@code API_AND_CONFIG_MAP}. */
    public static Organization generate(int accounts, int regionsPerAccount, int clusters, long seed) {
        return generate(accounts, regionsPerAccount, clusters, seed, Options.DEFAULT);
    }

    /**
     * @param accounts member accounts (besides the management account)
     * @param regionsPerAccount enabled regions per account: the default ones first, then opt-in ones
     * @param clusters clusters in the whole organisation
     * @param seed the same seed gives the same organisation
     */
    public static Organization generate(int accounts, int regionsPerAccount, int clusters, long seed, Options options) {
        if (accounts < 1 || regionsPerAccount < 1 || clusters < 0) {
            throw new IllegalArgumentException("need at least 1 account and 1 region, and 0 or more clusters");
        }
        Partition partition = options.partition();
        if (regionsPerAccount > partition.regions().size()) {
            throw new IllegalArgumentException("at most " + partition.regions().size() + " regions per account"
                    + (partition == Partition.AWS ? "" : " in partition " + partition.id()));
        }
        Random random = new Random(seed);
        String managementAccount = accountId(random);
        List<String> regions = Regions.firstEnabled(partition, regionsPerAccount);
        String ssoRegion = partition.homeRegion();
        AccessDraws access = new AccessDraws(new Random(seed ^ 0x5DEECE66DL), options, clusters);

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
            Cluster drawn = cluster(random, name, region, status, names.get(account));
            perAccount.get(account).add(access.apply(drawn, ids.get(account), partition, ssoRegion));
        }

        List<Account> accountList = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            accountList.add(new Account(ids.get(i), names.get(i), "aws+" + names.get(i) + "@example.com",
                    AccountStatus.ACTIVE, ROLES, regions, null, perAccount.get(i)));
        }
        String orgId = "o-" + lowerAlnum(random, 10);
        String startUrl = startUrl(partition, "d-" + digits(random, 10));
        HubPrincipal hub = new HubPrincipal("eksfleet-hub", "AKIDSIMHUB" + upperAlnum(random, 10),
                lowerAlnum(random, 40));
        return new Organization(orgId, managementAccount, startUrl, ssoRegion, hub, accountList, partition);
    }

    /** The AWS access portal URL of an IAM Identity Center directory, as each partition forms it. */
    private static String startUrl(Partition partition, String directory) {
        return switch (partition) {
            case AWS -> "https://" + directory + ".awsapps.com/start";
            case AWS_US_GOV -> "https://start.us-gov-home.awsapps.com/directory/" + directory;
            case AWS_CN -> "https://" + directory + ".awsapps.cn/start";
        };
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
                ? endpoint(random, region)
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
                : endpoint(random, c.region());
        return c.with(c.version(), ClusterStatus.ACTIVE, endpoint,
                c.certificateAuthorityData() != null ? c.certificateAuthorityData() : fakeCertificate(random));
    }

    /** {@code https://ID.CELL.REGION.eks.SUFFIX}, the suffix of the region's partition. */
    private static String endpoint(Random random, String region) {
        Partition partition = Partition.ofRegion(region);
        return "https://" + hex(random, 32) + "." + CELLS[random.nextInt(CELLS.length)] + "." + region + ".eks."
                + (partition == null ? Partition.AWS : partition).dnsSuffix();
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
