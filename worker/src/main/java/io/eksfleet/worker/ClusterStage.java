package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.scan.AuthenticationMode;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.KubernetesAccess;
import java.util.List;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.VersionedMessage;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * Stage 3: DescribeCluster and, unless the worker is told not to, what the scan's role may do in the cluster
 * ({@link AccessLookup}), reported as a {@link ScanEvent.ClusterFound} whatever the cluster's status.
 */
final class ClusterStage {

    private final StageServices services;
    private final AccessLookup access;

    /** @param accessEntries whether to look up the role's access entries */
    ClusterStage(StageServices services, boolean accessEntries) {
        this.services = services;
        this.access = accessEntries ? new AccessLookup(services) : null;
    }

    CompletableFuture<Void> handle(ClusterTask task, TaskContext context) {
        return services.credentials(task.accountId(), task.access(), context)
                .thenCompose(credentials -> services.call(context, Family.EKS, task.accountId(), task.region(),
                        "eks:DescribeCluster", () -> services.clients()
                        .eks(task.region()).describeCluster(r -> r.name(task.clusterName())
                                .overrideConfiguration(o -> o.credentialsProvider(credentials))))
                        .thenCompose(response -> found(task, response.cluster(), credentials, context)))
                .thenCompose(record -> services.outputs().event(new ScanEvent.ClusterFound(VersionedMessage.VERSION,
                        task.scanId(), record, context.usage())));
    }

    private CompletableFuture<ClusterRecord> found(ClusterTask task, Cluster cluster, AwsCredentialsProvider credentials,
                                                   TaskContext context) {
        ClusterRecord record = record(task, cluster);
        AuthenticationMode mode = AccessLookup.modeOf(cluster).orElse(null);
        List<KubernetesAccess> others = task.access().otherRoles().stream().map(KubernetesAccess::notLooked).toList();
        if (access == null) {
            return CompletableFuture.completedFuture(record.withAccess(mode, null, others));
        }
        return access.of(task, cluster, credentials, context).thenApply(found -> found.isEmpty()
                ? record.withAccess(mode, null, others)
                : record.withAccess(mode, found.get(0), found.subList(1, found.size())));
    }

    private static ClusterRecord record(ClusterTask task, Cluster c) {
        String ca = c.certificateAuthority() == null ? null : c.certificateAuthority().data();
        return new ClusterRecord(c.arn() != null ? c.arn() : task.arn(), c.name(), task.accountId(), task.accountName(),
                task.access().roleName(), task.region(), c.endpoint(), ca, c.version(), c.platformVersion(), c.statusAsString(),
                c.tags(), c.createdAt());
    }
}
