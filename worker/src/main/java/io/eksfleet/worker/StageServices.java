package io.eksfleet.worker;

import io.eksfleet.resilience.Failures;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.budget.Budget;
import io.eksfleet.budget.Budgets;
import io.eksfleet.budget.Family;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.RoleArn;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.RoleCredentials;
import io.eksfleet.sso.SsoTokenCache;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What every stage of one worker shares, and how it makes an AWS call: wait for a token of the call's
 * budget (scheduled, no thread waits), take an in-flight slot, call; a throttling answer shrinks the
 * budget, and throttling or transient failures are tried again by {@code retry} ({@link CallPolicy#retry()}).
 */
record StageServices(AwsClients clients, RoleCredentials roleCredentials, SsoTokenCache tokens, InFlightLimit limit,
                     Budgets budgets, Retry retry, ScheduledExecutorService scheduler, Outputs outputs) {

    /** How CloudTrail names eksfleet's sessions in the member accounts. */
    static final String SESSION_NAME = "eksfleet";

    /**
     * One AWS call: each try waits for its budget and a place among the calls in flight; throttling and
     * transient failures are tried again by {@code retry}; throttling also shrinks the budget.
     */
    <T> CompletableFuture<T> call(TaskContext context, Family family, String account, String region, String operation,
                                  Supplier<CompletableFuture<T>> call) {
        Budget budget = budgets.budget(family, account, region);
        AtomicInteger tries = new AtomicInteger();
        return retry().executeCompletionStage(scheduler, () -> {
            if (tries.getAndIncrement() > 0) {
                context.retried();
            }
            return attempt(context, budget, operation, call);
        }).toCompletableFuture().exceptionallyCompose(error -> CompletableFuture.failedFuture(Failures.unwrap(error)));
    }

    /** The account's credentials for {@code access}'s role: from the SSO portal, or assumed from the hub identity. */
    CompletableFuture<AwsCredentialsProvider> credentials(String accountId, Access access, TaskContext context) {
        String roleName = access.roleName();
        SsoSource sso = access.sso();
        if (access.usesSso()) {
            return roleCredentials.forAccount(sso, accountId, roleName, token -> call(context, Family.SSO, null, null,
                    "sso:GetRoleCredentials", () -> clients.sso(sso.region()).getRoleCredentials(r -> r
                            .accessToken(token.get().accessToken()).accountId(accountId).roleName(roleName))));
        }
        HubSource hub = access.hub();
        // The hub's calls count against the hub account's STS budget, whichever account they target.
        return roleCredentials.assumed(hub, accountId, roleName, () -> call(context, Family.STS, "hub", hub.region(),
                "sts:AssumeRole", () -> clients.sts(hub.region()).assumeRole(r -> r
                        .roleArn(RoleArn.fromHub(hub.region(), accountId, roleName).toString())
                        .roleSessionName(SESSION_NAME)
                        .externalId(hub.externalId()))));
    }

    private <T> CompletableFuture<T> attempt(TaskContext context, Budget budget, String operation, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> limit.submit(() -> {
            context.called(operation);
            return call.get();
        }).whenComplete((value, error) -> {
            if (error == null) {
                budget.onSuccess();
                result.complete(value);
                return;
            }
            if (Failures.classify(error) == Failures.Kind.THROTTLED) {
                budget.onThrottle(System.nanoTime());
                context.throttled();
            }
            result.completeExceptionally(error);
        });
        long wait = budget.reserve(System.nanoTime());
        if (wait <= 0) {
            start.run();
        } else {
            scheduler.schedule(start, wait, TimeUnit.NANOSECONDS);
        }
        return result;
    }
}
