package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.scan.ClusterTask;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Stage 2: every page of ListClusters for one account and region, and one cluster task per cluster. */
final class RegionStage {

    private final StageServices services;

    RegionStage(StageServices services) {
        this.services = services;
    }

    CompletableFuture<Void> handle(RegionTask task, TaskContext context) {
        return services.credentials(task.accountId(), task.access(), context)
                .thenCompose(credentials -> listAll(task, credentials, context, null, new ArrayList<>()))
                .thenCompose(names -> {
                    List<ClusterTask> next = names.stream().map(n -> new ClusterTask(VersionedMessage.VERSION, task.scanId(),
                            task.accountId(), task.accountName(), task.access(), task.region(), n, task.workers())).toList();
                    return services.outputs().tasks(Topics.CLUSTERS, next)
                            .thenCompose(sent -> services.outputs().event(new ScanEvent.RegionScanned(VersionedMessage.VERSION,
                                    task.scanId(), task.accountId(), task.region(), names, context.usage())));
                });
    }

    private CompletableFuture<List<String>> listAll(RegionTask task, AwsCredentialsProvider credentials, TaskContext context,
                                                   String nextToken, List<String> names) {
        return services.call(context, Family.EKS, task.accountId(), task.region(), "eks:ListClusters", () -> services.clients().eks(task.region())
                        .listClusters(r -> r.maxResults(100).nextToken(nextToken)
                                .overrideConfiguration(o -> o.credentialsProvider(credentials))))
                .thenCompose(page -> {
                    names.addAll(page.clusters());
                    return page.nextToken() == null || page.nextToken().isEmpty()
                            ? CompletableFuture.completedFuture(names)
                            : listAll(task, credentials, context, page.nextToken(), names);
                });
    }
}
