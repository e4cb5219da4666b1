package io.eksfleet.worker;

import io.eksfleet.budget.Family;
import io.eksfleet.resilience.Failures;
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
        Access asked = task.access();
        CompletableFuture<List<String>> roles = asked.choosesRoles() ? matchingRoles(task, context)
                : asked.roleName() != null ? CompletableFuture.completedFuture(asked.roles())
                : chooseRole(task, context).thenApply(chosen -> chosen.map(List::of).orElse(List.of()));
        return roles.thenCompose(chosen -> chosen.isEmpty()
                        ? services.outputs().event(new ScanEvent.AccountSkipped(VersionedMessage.VERSION, task.scanId(),
                                task.accountId(), task.accountName(), asked.choosesRoles()
                                        ? "the login may take none of the roles " + asked.roles() + " here"
                                        : "no role matches the prefixes " + task.rolePrefixes(),
                                context.usage()))
                        : scan(task, chosen.get(0), chosen.subList(1, chosen.size()), notTaken(asked, chosen), context));
    }

    /** The roles asked for by name (not by a glob) that the account's listing did not offer. */
    private static List<String> notTaken(Access asked, List<String> chosen) {
        return asked.choosesRoles() ? asked.roles().stream().filter(r -> !r.contains("*") && !chosen.contains(r)).toList() : List.of();
    }

    /**
     * Scans the account with {@code roleName} and the {@code others} that can be taken there. A hub that AWS refuses the
     * first role goes on with the next, so one role's missing trust policy never costs the account.
     */
    private CompletableFuture<Void> scan(AccountTask task, String roleName, List<String> others, List<String> notTaken,
                                         TaskContext context) {
        Access first = task.access().withRole(roleName);
        return services.credentials(task.accountId(), first, context)
                .thenApply(Optional::of)
                .exceptionallyCompose(error -> !first.usesSso() && !others.isEmpty() && Failures.isAccessDenied(error)
                        ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(error))
                .thenCompose(credentials -> credentials.isPresent() ? scanWith(task, first, credentials.get(), others, notTaken, context)
                        : scan(task, others.get(0), others.subList(1, others.size()), plus(notTaken, List.of(roleName)), context));
    }

    private CompletableFuture<Void> scanWith(AccountTask task, Access first, AwsCredentialsProvider credentials, List<String> others,
                                             List<String> notTaken, TaskContext context) {
        String roleName = first.roleName();
        return takeable(task, first, others, context)
                .thenCompose(usable -> regions(task, credentials, context).thenApply(regions -> new Chosen(
                        first.withRoles(roleName, usable), regions, plus(notTaken, others.stream().filter(r -> !usable.contains(r)).toList()))))
                .thenCompose(chosen -> {
                    Access access = chosen.access();
                    List<String> regions = chosen.regions();
                    List<RegionTask> next = regions.stream().map(r -> new RegionTask(VersionedMessage.VERSION, task.scanId(),
                            task.accountId(), task.accountName(), access, r, task.workers())).toList();
                    return services.outputs().tasks(Topics.REGIONS, next)
                            .thenCompose(sent -> services.outputs().event(new ScanEvent.AccountScanned(VersionedMessage.VERSION,
                                    task.scanId(), task.accountId(), task.accountName(), roleName, regions, context.usage(),
                                    chosen.notTaken())));
                });
    }

    private record Chosen(Access access, List<String> regions, List<String> notTaken) {
    }

    private static List<String> plus(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * The other roles a hub can assume in the account, each assumed once to prove it: one AWS refuses is left out of
     * this account, a throttled or failed call fails the task. With an SSO login the listing already said which roles
     * the login may take.
     */
    private CompletableFuture<List<String>> takeable(AccountTask task, Access first, List<String> others, TaskContext context) {
        if (others.isEmpty() || first.usesSso()) {
            return CompletableFuture.completedFuture(others);
        }
        List<CompletableFuture<Optional<String>>> tries = others.stream().map(role -> services.credentials(task.accountId(),
                        first.withRole(role), context)
                .thenApply(credentials -> Optional.of(role))
                .exceptionallyCompose(error -> Failures.isAccessDenied(error)
                        ? CompletableFuture.completedFuture(Optional.<String>empty()) : CompletableFuture.failedFuture(error)))
                .toList();
        return CompletableFuture.allOf(tries.toArray(CompletableFuture[]::new))
                .thenApply(done -> tries.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
    }

    /**
     * Every role of the account the SSO login may take that one of the asked names or globs matches, in the order they
     * were asked (alphabetically within a glob), each once.
     */
    private CompletableFuture<List<String>> matchingRoles(AccountTask task, TaskContext context) {
        return accountRoles(task, context).thenApply(roles -> {
            java.util.LinkedHashSet<String> chosen = new java.util.LinkedHashSet<>();
            for (String asked : task.access().roles()) {
                java.util.regex.Pattern glob = java.util.regex.Pattern.compile(java.util.Arrays.stream(asked.split("\\*", -1))
                        .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")));
                roles.stream().filter(r -> glob.matcher(r).matches()).forEach(chosen::add);
            }
            return List.copyOf(chosen);
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
        return accountRoles(task, context)
                .thenApply(roles -> {
                    for (String prefix : task.rolePrefixes()) {
                        Optional<String> match = roles.stream().filter(r -> r.startsWith(prefix)).findFirst();
                        if (match.isPresent()) {
                            return match;
                        }
                    }
                    return Optional.empty();
                });
    }

    /** The roles the SSO login may take in the account, alphabetically. */
    private CompletableFuture<List<String>> accountRoles(AccountTask task, TaskContext context) {
        SsoSource sso = task.access().sso();
        return services.tokens().withToken(sso, token -> services.call(context, Family.SSO, null, null, "sso:ListAccountRoles",
                        () -> services.clients().sso(sso.region())
                                .listAccountRoles(r -> r.accessToken(token.get().accessToken()).accountId(task.accountId()).maxResults(100))))
                .thenApply(response -> response.roleList().stream().map(RoleInfo::roleName).sorted(Comparator.naturalOrder()).toList());
    }
}
