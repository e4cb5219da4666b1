package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.VersionedMessage;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.eks.model.Cluster;

/** Stage 3: DescribeCluster, reported as a {@link ScanEvent.ClusterFound} whatever the cluster's status. */
final class ClusterStage {

    private final StageServices services;

    ClusterStage(StageServices services) {
        this.services = services;
    }

    CompletableFuture<Void> handle(ClusterTask task, TaskContext context) {
        return services.credentials(task.accountId(), task.access(), context)
                .thenCompose(credentials -> services.call(context, Family.EKS, task.accountId(), task.region(),
                        "eks:DescribeCluster", () -> services.clients()
                        .eks(task.region()).describeCluster(r -> r.name(task.clusterName())
                                .overrideConfiguration(o -> o.credentialsProvider(credentials)))))
                .thenCompose(response -> services.outputs().event(new ScanEvent.ClusterFound(VersionedMessage.VERSION,
                        task.scanId(), record(task, response.cluster()), context.usage())));
    }

    private static ClusterRecord record(ClusterTask task, Cluster c) {
        String ca = c.certificateAuthority() == null ? null : c.certificateAuthority().data();
        return new ClusterRecord(c.arn() != null ? c.arn() : task.arn(), c.name(), task.accountId(), task.accountName(),
                task.access().roleName(), task.region(), c.endpoint(), ca, c.version(), c.platformVersion(), c.statusAsString(),
                c.tags(), c.createdAt());
    }
}
