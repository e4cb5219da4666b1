package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.resilience.Failures;
import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.ClusterArn;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.scan.KubernetesAccess.AccessPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * What the scan's role may do in a cluster, from its EKS access entries: ListAccessEntries (every page) to find the
 * role's entry, then DescribeAccessEntry and ListAssociatedAccessPolicies for it. One call per cluster without an entry,
 * three with one; none for a {@code CONFIG_MAP} cluster or one that is not ACTIVE or UPDATING. AWS refusing a look-up
 * (the role may not call these APIs) makes the answer {@code unknown}; throttling and transient failures fail the task
 * like any other call, so it is retried and, in the end, dead-lettered.
 */
final class AccessLookup {

    private final StageServices services;

    AccessLookup(StageServices services) {
        this.services = services;
    }

    /**
     * What each of {@code task}'s roles may do in {@code cluster}, in the order of {@link io.eksfleet.scan.Access#roles()}
     * (one listing of the entries serves them all); empty where there is nothing to look up.
     */
    CompletableFuture<List<KubernetesAccess>> of(ClusterTask task, Cluster cluster, AwsCredentialsProvider credentials,
                                                 TaskContext context) {
        List<String> roles = task.access().roles();
        Optional<AuthenticationMode> mode = modeOf(cluster);
        if (!("ACTIVE".equals(cluster.statusAsString()) || "UPDATING".equals(cluster.statusAsString()))) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (mode.isEmpty()) {
            return CompletableFuture.completedFuture(everyRole(roles, "the cluster reports no authentication mode"));
        }
        if (!mode.get().readsAccessEntries()) {
            return CompletableFuture.completedFuture(everyRole(roles, "authentication mode CONFIG_MAP: the aws-auth ConfigMap decides"));
        }
        Map<String, AccessEntryPrincipal> principals = new LinkedHashMap<>();
        roles.forEach(role -> principals.put(role, principal(task, role)));
        Calls calls = new Calls(task, credentials, context);
        return calls.findEntries(principals, null, new LinkedHashMap<>())
                .thenCompose(found -> {
                    List<CompletableFuture<KubernetesAccess>> answers = roles.stream().map(role -> found.containsKey(role)
                            ? calls.describe(role, found.get(role))
                            : CompletableFuture.completedFuture(mode.get().onlyAccessEntries()
                                    ? KubernetesAccess.none(role, "no access entry for " + role)
                                    : KubernetesAccess.unknown(role, "no access entry for " + role + "; the aws-auth ConfigMap may map it")))
                            .toList();
                    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                            .thenApply(done -> answers.stream().map(CompletableFuture::join).toList());
                })
                .exceptionallyCompose(error -> Failures.classify(error) == Failures.Kind.PERMANENT
                        ? CompletableFuture.completedFuture(everyRole(roles,
                                "the access entries could not be read (" + Failures.code(error) + ")"))
                        : CompletableFuture.failedFuture(error));
    }

    private static List<KubernetesAccess> everyRole(List<String> roles, String why) {
        return roles.stream().map(role -> KubernetesAccess.unknown(role, why)).toList();
    }

    static Optional<AuthenticationMode> modeOf(Cluster cluster) {
        return cluster.accessConfig() == null ? Optional.empty()
                : AuthenticationMode.parse(cluster.accessConfig().authenticationModeAsString());
    }

    private static AccessEntryPrincipal principal(ClusterTask task, String role) {
        String partition = ClusterArn.parse(task.arn()).partition();
        return task.access().usesSso()
                ? AccessEntryPrincipal.permissionSet(partition, task.accountId(), role)
                : AccessEntryPrincipal.role(partition, task.accountId(), role);
    }

    /** The calls of one look-up, with the cluster, credentials and task they share. */
    private final class Calls {
        private final ClusterTask task;
        private final AwsCredentialsProvider credentials;
        private final TaskContext context;

        Calls(ClusterTask task, AwsCredentialsProvider credentials, TaskContext context) {
            this.task = task;
            this.credentials = credentials;
            this.context = context;
        }

        /** The entry of each role, by role, reading pages until every role has one or the entries end. */
        CompletableFuture<Map<String, String>> findEntries(Map<String, AccessEntryPrincipal> principals, String nextToken,
                                                           Map<String, String> found) {
            return services.call(context, Family.EKS, task.accountId(), task.region(), "eks:ListAccessEntries",
                            () -> services.clients().eks(task.region()).listAccessEntries(r -> r.clusterName(task.clusterName())
                                    .maxResults(100).nextToken(nextToken).overrideConfiguration(o -> o.credentialsProvider(credentials))))
                    .thenCompose(page -> {
                        principals.forEach((role, principal) -> page.accessEntries().stream().filter(principal::matches).findFirst()
                                .ifPresent(arn -> found.putIfAbsent(role, arn)));
                        return found.size() == principals.size() || page.nextToken() == null || page.nextToken().isEmpty()
                                ? CompletableFuture.completedFuture(found)
                                : findEntries(principals, page.nextToken(), found);
                    });
        }

        CompletableFuture<KubernetesAccess> describe(String role, String principalArn) {
            CompletableFuture<AccessEntry> entry = services.call(context, Family.EKS, task.accountId(), task.region(),
                            "eks:DescribeAccessEntry", () -> services.clients().eks(task.region()).describeAccessEntry(r -> r
                                    .clusterName(task.clusterName()).principalArn(principalArn)
                                    .overrideConfiguration(o -> o.credentialsProvider(credentials))))
                    .thenApply(response -> response.accessEntry());
            CompletableFuture<List<AccessPolicy>> policies = policies(principalArn, null, new ArrayList<>());
            return entry.thenCombine(policies, (e, p) -> new KubernetesAccess(role, KubernetesAccess.Answer.YES, null, principalArn,
                    e.type(), e.username(), e.kubernetesGroups(), p));
        }

        private CompletableFuture<List<AccessPolicy>> policies(String principalArn, String nextToken, List<AccessPolicy> found) {
            return services.call(context, Family.EKS, task.accountId(), task.region(), "eks:ListAssociatedAccessPolicies",
                            () -> services.clients().eks(task.region()).listAssociatedAccessPolicies(r -> r
                                    .clusterName(task.clusterName()).principalArn(principalArn).maxResults(100).nextToken(nextToken)
                                    .overrideConfiguration(o -> o.credentialsProvider(credentials))))
                    .thenCompose(page -> {
                        page.associatedAccessPolicies().forEach(p -> found.add(policy(p)));
                        return page.nextToken() == null || page.nextToken().isEmpty()
                                ? CompletableFuture.completedFuture(found)
                                : policies(principalArn, page.nextToken(), found);
                    });
        }
    }

    /** {@code arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy} as {@code AmazonEKSViewPolicy}. */
    private static AccessPolicy policy(AssociatedAccessPolicy p) {
        String arn = p.policyArn() == null ? "" : p.policyArn();
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return p.accessScope() == null ? new AccessPolicy(name, null, List.of())
                : new AccessPolicy(name, p.accessScope().typeAsString(), p.accessScope().namespaces());
    }
}
