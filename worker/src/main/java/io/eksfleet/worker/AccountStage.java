package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountTask;
import io.eksfleet.scan.RegionTask;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.Topics;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.sso.model.RoleInfo;

/**
 * Stage 1: the account's role (given, or the first match of the prefixes), its credentials, its regions,
 * and one region task per region.
 */
final class AccountStage {

    private final StageServices services;

    AccountStage(StageServices services) {
        this.services = services;
    }

    CompletableFuture<Void> handle(AccountTask task, TaskContext context) {
        CompletableFuture<Optional<String>> role = task.access().roleName() != null
                ? CompletableFuture.completedFuture(Optional.of(task.access().roleName()))
                : chooseRole(task, context);
        return role.thenCompose(chosen -> chosen.isEmpty()
                        ? services.outputs().event(new ScanEvent.AccountSkipped(VersionedMessage.VERSION, task.scanId(),
                                task.accountId(), task.accountName(), "no role matches the prefixes " + task.rolePrefixes(),
                                context.usage()))
                        : scan(task, chosen.get(), context));
    }

    private CompletableFuture<Void> scan(AccountTask task, String roleName, TaskContext context) {
        Access access = task.access().withRole(roleName);
        return services.credentials(task.accountId(), access, context)
                .thenCompose(credentials -> regions(task, credentials, context))
                .thenCompose(regions -> {
                    List<RegionTask> next = regions.stream().map(r -> new RegionTask(VersionedMessage.VERSION, task.scanId(),
                            task.accountId(), task.accountName(), access, r, task.workers())).toList();
                    return services.outputs().tasks(Topics.REGIONS, next)
                            .thenCompose(sent -> services.outputs().event(new ScanEvent.AccountScanned(VersionedMessage.VERSION,
                                    task.scanId(), task.accountId(), task.accountName(), roleName, regions, context.usage())));
                });
    }

    private CompletableFuture<List<String>> regions(AccountTask task, AwsCredentialsProvider credentials, TaskContext context) {
        if (!task.regions().isEmpty()) {
            return CompletableFuture.completedFuture(task.regions());
        }
        boolean all = "all".equals(task.regionMode());
        // DescribeRegions answers for the whole account from any region; ask where the login or the hub lives.
        String region = task.access().homeRegion();
        return services.call(context, Family.EC2, task.accountId(), region, "ec2:DescribeRegions", () -> services.clients().ec2(region)
                        .describeRegions(r -> r.allRegions(all).overrideConfiguration(o -> o.credentialsProvider(credentials))))
                .thenApply(response -> response.regions().stream().map(Region::regionName).sorted().toList());
    }

    /**
     * Lists the account's roles and takes the first prefix that matches any; within one prefix the
     * alphabetically first role wins, so the choice is stable from scan to scan.
     */
    private CompletableFuture<Optional<String>> chooseRole(AccountTask task, TaskContext context) {
        SsoSource sso = task.access().sso();
        return services.tokens().withToken(sso, token -> services.call(context, Family.SSO, null, null, "sso:ListAccountRoles",
                        () -> services.clients().sso(sso.region())
                                .listAccountRoles(r -> r.accessToken(token.get().accessToken()).accountId(task.accountId()).maxResults(100))))
                .thenApply(response -> {
                    List<String> roles = response.roleList().stream().map(RoleInfo::roleName)
                            .sorted(Comparator.naturalOrder()).toList();
                    for (String prefix : task.rolePrefixes()) {
                        Optional<String> match = roles.stream().filter(r -> r.startsWith(prefix)).findFirst();
                        if (match.isPresent()) {
                            return match;
                        }
                    }
                    return Optional.empty();
                });
    }
}
