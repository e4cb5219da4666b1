package io.eksfleet.simulator.org;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The organisation the simulator serves: its partition, its IAM Identity Center instance (start URL and
 * region), its management account with the hub principal, and its member accounts. Immutable: the simulator
 * swaps whole organisations, so a request always sees one consistent version.
 *
 * <p>It is also the ground truth tests check a scan against: the ARNs of the roles a scan uses
 * ({@link #roleArn}, {@link #ssoRoleArn}) and which of them a cluster's Kubernetes API admits
 * ({@link OrgCluster#admits}).
 */
public record Organization(
        String organizationId,
        String managementAccountId,
        String ssoStartUrl,
        String ssoRegion,
        HubPrincipal hub,
        List<Account> accounts,
        Partition partition) {

    /** The path IAM Identity Center creates its roles under, before the instance's region. */
    public static final String SSO_ROLE_PATH = "aws-reserved/sso.amazonaws.com/";

    @JsonCreator
    public Organization {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(managementAccountId, "managementAccountId");
        Objects.requireNonNull(ssoStartUrl, "ssoStartUrl");
        Objects.requireNonNull(ssoRegion, "ssoRegion");
        Objects.requireNonNull(hub, "hub");
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        partition = partition == null ? Partition.AWS : partition;
    }

    /** An organisation in the {@code aws} partition. */
    public Organization(String organizationId, String managementAccountId, String ssoStartUrl, String ssoRegion, HubPrincipal hub,
                        List<Account> accounts) {
        this(organizationId, managementAccountId, ssoStartUrl, ssoRegion, hub, accounts, Partition.AWS);
    }

    public Stream<OrgCluster> clusters() {
        return accounts.stream().flatMap(a -> a.clusters().stream().map(c -> new OrgCluster(a, c, partition)));
    }

    public int clusterCount() {
        return accounts.stream().mapToInt(a -> a.clusters().size()).sum();
    }

    public Optional<OrgCluster> cluster(String arn) {
        return clusters().filter(c -> c.arn().equals(arn)).findFirst();
    }

    public Organization withAccounts(List<Account> newAccounts) {
        return new Organization(organizationId, managementAccountId, ssoStartUrl, ssoRegion, hub, newAccounts, partition);
    }

    /** A copy with {@code change} applied to the account {@code accountId}; unknown ids are an error. */
    public Organization withAccount(String accountId, UnaryOperator<Account> change) {
        List<Account> changed = new ArrayList<>(accounts.size());
        boolean found = false;
        for (Account a : accounts) {
            if (a.id().equals(accountId)) {
                changed.add(change.apply(a));
                found = true;
            } else {
                changed.add(a);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no account " + accountId + " in the organisation");
        }
        return withAccounts(changed);
    }

    /** A copy without the cluster of that ARN, as if it had been deleted. */
    public Organization withoutCluster(String arn) {
        return withAccounts(accounts.stream()
                .map(a -> a.withClusters(a.clusters().stream().filter(c -> !c.arn(partition, a.id()).equals(arn)).toList()))
                .toList());
    }

    /** A copy with {@code change} applied to the cluster of that ARN (e.g. to add an access entry). */
    public Organization withCluster(String arn, UnaryOperator<Cluster> change) {
        return withAccounts(accounts.stream()
                .map(a -> a.withClusters(a.clusters().stream().map(c -> c.arn(partition, a.id()).equals(arn) ? change.apply(c) : c).toList()))
                .toList());
    }

    /** {@code arn:PARTITION:iam::ACCOUNT:role/NAME}: the IAM role a hub-mode scan assumes by that name. */
    public String roleArn(String accountId, String roleName) {
        return roleArn(partition, accountId, roleName);
    }

    /**
     * The IAM role IAM Identity Center made in {@code accountId} for {@code permissionSet}:
     * {@code arn:PARTITION:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_SET_HASH}, the
     * region present when the instance is not in us-east-1. The credentials GetRoleCredentials hands out for the
     * permission set are a session of this role.
     */
    public String ssoRoleArn(String accountId, String permissionSet) {
        return ssoRoleArn(partition, ssoRegion, accountId, permissionSet);
    }

    static String roleArn(Partition partition, String accountId, String roleName) {
        return partition.arn("iam", "", accountId, "role/" + roleName);
    }

    static String ssoRoleArn(Partition partition, String ssoRegion, String accountId, String permissionSet) {
        String path = SSO_ROLE_PATH + (ssoRegion.equals("us-east-1") ? "" : ssoRegion + "/");
        return roleArn(partition, accountId, path + ssoRoleName(accountId, permissionSet));
    }

    /** {@code AWSReservedSSO_SET_HASH} with 16 hex digits, the same for the same account and permission set. */
    public static String ssoRoleName(String accountId, String permissionSet) {
        long hash = 1125899906842597L;
        for (char c : (accountId + "/" + permissionSet).toCharArray()) {
            hash = 31 * hash + c;
        }
        return "AWSReservedSSO_" + permissionSet + "_" + HexFormat.of().toHexDigits(hash * 0x9E3779B97F4A7C15L);
    }

    /** A cluster together with the account that owns it. */
    public record OrgCluster(Account account, Cluster cluster, Partition partition) {

        public OrgCluster(Account account, Cluster cluster) {
            this(account, cluster, Partition.AWS);
        }

        public String arn() {
            return cluster.arn(partition, account.id());
        }

        /** The cluster's access entry for exactly this principal ARN. */
        public Optional<AccessEntry> accessEntry(String principalArn) {
            return cluster.accessEntry(principalArn);
        }

        /**
         * Whether the cluster's Kubernetes API lets in a caller whose IAM principal is {@code principalArn} (a role's
         * ARN with its path, or a user's): in {@code API} mode only with an access entry; in {@code CONFIG_MAP} mode
         * when the simulated {@code aws-auth} maps it, which it does for every principal of the cluster's own
         * account; in {@code API_AND_CONFIG_MAP} mode either way.
         */
        public boolean admits(String principalArn) {
            AuthenticationMode mode = cluster.authenticationMode();
            return mode.usesAccessEntries() && cluster.accessEntry(principalArn).isPresent()
                    || mode.usesConfigMap() && awsAuthMaps(principalArn);
        }

        /** The simulated aws-auth ConfigMap maps every IAM principal of the cluster's account. */
        private boolean awsAuthMaps(String principalArn) {
            String[] parts = principalArn.split(":", 6);
            return parts.length == 6 && parts[4].equals(account.id());
        }
    }
}
