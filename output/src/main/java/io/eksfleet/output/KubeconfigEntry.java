package io.eksfleet.output;

import io.eksfleet.scan.ClusterArn;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.RoleArn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster, user and context entries for one EKS cluster, built as {@code aws eks update-kubeconfig
 * --profile P} builds them: cluster and user named by the ARN, an exec user running
 * {@code aws --region R eks get-token --cluster-name N --output json} with {@code AWS_PROFILE}; only the
 * context name is eksfleet's, from the template. In hub mode the user runs {@code get-token --role ARN}
 * instead, as {@code update-kubeconfig --role-arn ARN} writes it, and no profile.
 */
public record KubeconfigEntry(String clusterName, Map<String, Object> cluster, String userName, Map<String, Object> user,
                              String accountId, String region, String role) {

    /** An entry whose token comes from the SSO profile {@code profile}. */
    public static KubeconfigEntry of(ClusterRecord record, String profile) {
        return of(record, profile, null, false);
    }

    /** An entry whose token comes from the caller's own identity assuming the account's role (hub mode). */
    public static KubeconfigEntry assumingRole(ClusterRecord record) {
        return assumingRole(record, false);
    }

    /**
     * @param ownUser the cluster has an entry per role: the user is named {@code ARN (ROLE)}, so that one role's user never
     *     replaces another's; else it is the ARN, as {@code aws eks update-kubeconfig} names it
     */
    static KubeconfigEntry of(ClusterRecord record, String profile, boolean ownUser) {
        return of(record, profile, null, ownUser);
    }

    static KubeconfigEntry assumingRole(ClusterRecord record, boolean ownUser) {
        return of(record, null, RoleArn.inAccountOf(ClusterArn.parse(record.arn()), record.roleName()).toString(), ownUser);
    }

    /** The user name of {@code arn}'s entry for {@code role}, when the cluster has a user per role. */
    static String userOfRole(String arn, String role) {
        return arn + " (" + role + ")";
    }

    /** Whether the user is the role's own ({@code ARN (ROLE)}), not the cluster's one user named by the ARN. */
    boolean ownUser() {
        return !userName.equals(clusterName);
    }

    /** The context named {@code name} that joins this entry's cluster and user. */
    public Map<String, Object> context(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster", clusterName);
        body.put("user", userName);
        body.put("extensions", marker(accountId, region));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("context", body);
        context.put("name", name);
        return context;
    }

    private static KubeconfigEntry of(ClusterRecord record, String profile, String roleArn, boolean ownUser) {
        Map<String, Object> clusterBody = new LinkedHashMap<>();
        clusterBody.put("certificate-authority-data", record.certificateAuthorityData() == null ? "" : record.certificateAuthorityData());
        clusterBody.put("server", record.endpoint());
        clusterBody.put("extensions", marker(record.accountId(), record.region()));
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("cluster", clusterBody);
        cluster.put("name", record.arn());

        // The region comes from the ARN, as the AWS CLI takes it.
        String region = ClusterArn.parse(record.arn()).region();
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        List<String> args = new java.util.ArrayList<>(List.of("--region", region, "eks", "get-token", "--cluster-name", record.name(),
                "--output", "json"));
        if (roleArn != null) {
            args.addAll(List.of("--role", roleArn));
        }
        exec.put("args", args);
        exec.put("command", "aws");
        if (profile != null) {
            exec.put("env", List.of(ordered("name", "AWS_PROFILE", "value", profile)));
        }
        Map<String, Object> userBody = new LinkedHashMap<>();
        userBody.put("exec", exec);
        userBody.put("extensions", userMarker(record.accountId(), record.region(), record.roleName()));
        String userName = ownUser ? userOfRole(record.arn(), record.roleName()) : record.arn();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", userName);
        user.put("user", userBody);
        return new KubeconfigEntry(record.arn(), cluster, userName, user, record.accountId(), record.region(), record.roleName());
    }

    /**
     * Cluster, user and context all carry it, so that each stays recognised if another tool rewrites the
     * others; a new list each time, as YAML would write a shared one as an anchor and aliases.
     */
    private static List<Object> marker(String accountId, String region) {
        return List.of(ordered("name", KubeconfigFile.MARKER, "extension", ordered("account-id", accountId, "region", region)));
    }

    /**
     * A user's marker also names its role, so that a later write of another role for the cluster knows the user is not
     * its own (see {@link KubeconfigFile#needsOwnUser}).
     */
    private static List<Object> userMarker(String accountId, String region, String role) {
        Map<String, Object> extension = ordered("account-id", accountId, "region", region);
        if (role != null) {
            extension.put(KubeconfigFile.ROLE, role);
        }
        return List.of(ordered("name", KubeconfigFile.MARKER, "extension", extension));
    }

    /** A two-entry map in a fixed order: {@code Map.of} iterates in an order that changes between runs. */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
