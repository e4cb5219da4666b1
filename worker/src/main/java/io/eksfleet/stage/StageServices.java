package io.eksfleet.stage;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.RoleCredentials;
import io.eksfleet.sso.SsoTokenCache;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** What every stage of one worker shares: AWS clients, credentials, the in-flight limit, the outputs. */
record StageServices(AwsClients clients, RoleCredentials roleCredentials, SsoTokenCache tokens, InFlightLimit limit,
                     Outputs outputs) {

    /** One AWS call, counted for the task and held to the worker's in-flight limit. */
    <T> CompletableFuture<T> call(TaskContext context, String operation, Supplier<CompletableFuture<T>> call) {
        return limit.submit(() -> {
            context.called(operation);
            return call.get();
        });
    }

    CompletableFuture<AwsCredentialsProvider> credentials(SsoSource sso, String accountId, String roleName, TaskContext context) {
        return roleCredentials.forAccount(sso, accountId, roleName, () -> context.called("sso:GetRoleCredentials"));
    }
}
