package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.Partition;
import io.eksfleet.resilience.Backoff;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.sso.SsoLoginRequiredException;
import io.eksfleet.sso.SsoTokenCache;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.sso.model.RoleInfo;

/**
 * The accounts a login can reach: those an SSO login sees ({@code sso:ListAccounts}) with the roles it may
 * take in each ({@code sso:ListAccountRoles}), or in hub mode the ACTIVE accounts of the organisation
 * ({@code organizations:ListAccounts} with the caller's own identity). Every page is tried again on
 * throttling and transient failures with eksfleet's {@link Backoff}, since the SDK clients make one attempt.
 */
public final class AccountDirectory implements AccountListing {

    private static final int PAGE_ATTEMPTS = 6;
    private static final Retry PAGE_RETRY = new Backoff(Duration.ofMillis(200)).retry("eksfleet-directory", PAGE_ATTEMPTS);

    static final String NO_HUB_CREDENTIALS = "hub mode found no AWS credentials for its own identity: set AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with a web identity token or an instance or container role";

    private final AwsClients clients;
    private final SsoTokenCache tokens;
    private final Map<String, Integer> calls;

    /** @param calls counts the calls made, by operation; shared by the caller's threads */
    public AccountDirectory(AwsClients clients, SsoTokenCache tokens, Map<String, Integer> calls) {
        this.clients = clients;
        this.tokens = tokens;
        this.calls = calls;
    }

    /** Every account the SSO login sees, once each, in the order listed. */
    public List<AccountRef> ssoAccounts(SsoSource sso) throws InterruptedException {
        Map<String, AccountRef> byId = new LinkedHashMap<>();
        ssoAccounts(sso, page -> page.forEach(a -> byId.putIfAbsent(a.id(), a)));
        return List.copyOf(byId.values());
    }

    @Override
    public void ssoAccounts(SsoSource sso, Pages pages) throws InterruptedException {
        String next = null;
        do {
            String page = next;
            var response = withRetries("the accounts of " + sso.startUrl(), "sso:ListAccounts",
                    () -> tokens.withToken(sso, token -> clients.sso(sso.region())
                            .listAccounts(r -> r.accessToken(token.get().accessToken()).maxResults(100).nextToken(page))).join());
            pages.page(response.accountList().stream().map(a -> new AccountRef(a.accountId(), a.accountName())).toList());
            next = response.nextToken();
        } while (next != null && !next.isEmpty());
    }

    /** The roles (permission sets) the SSO login may take in the account, sorted by name. */
    public List<String> ssoRoles(SsoSource sso, String accountId) throws InterruptedException {
        List<String> roles = new ArrayList<>();
        String next = null;
        do {
            String page = next;
            var response = withRetries("the roles of account " + accountId, "sso:ListAccountRoles",
                    () -> tokens.withToken(sso, token -> clients.sso(sso.region()).listAccountRoles(r -> r
                            .accessToken(token.get().accessToken()).accountId(accountId).maxResults(100).nextToken(page))).join());
            response.roleList().stream().map(RoleInfo::roleName).forEach(roles::add);
            next = response.nextToken();
        } while (next != null && !next.isEmpty());
        return roles.stream().sorted().toList();
    }

    /** Every ACTIVE account of the organisation, in the order listed. */
    public List<AccountRef> organizationAccounts(Partition partition) throws InterruptedException {
        List<AccountRef> accounts = new ArrayList<>();
        organizationAccounts(partition, accounts::addAll);
        return accounts;
    }

    /**
     * Organizations is a global service answered in the partition's home region (us-east-1, us-gov-west-1,
     * cn-northwest-1); suspended and closing accounts are left out.
     */
    @Override
    public void organizationAccounts(Partition partition, Pages pages) throws InterruptedException {
        var builder = OrganizationsClient.builder().region(Region.of(partition.homeRegion())).httpClientBuilder(AwsClients.syncHttp())
                .credentialsProvider(hubIdentity())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (clients.endpoint() != null) {
            builder.endpointOverride(clients.endpoint());
        }
        try (OrganizationsClient organizations = builder.build()) {
            String next = null;
            do {
                String page = next;
                var response = withRetries("the organisation's accounts", "organizations:ListAccounts",
                        () -> organizations.listAccounts(r -> r.nextToken(page)));
                pages.page(response.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE)
                        .map(a -> new AccountRef(a.id(), a.name())).toList());
                next = response.nextToken();
            } while (next != null && !next.isEmpty());
        }
    }

    /**
     * The caller's own identity, resolved once up front: without credentials every listing attempt would
     * walk the whole provider chain again, and the SDK's answer lists all six providers on one long line.
     */
    static AwsCredentialsProvider hubIdentity() {
        AwsCredentialsProvider identity = DefaultCredentialsProvider.builder().build();
        try {
            identity.resolveCredentials();
        } catch (SdkClientException e) {
            throw new ScanException(NO_HUB_CREDENTIALS, e);
        }
        return identity;
    }

    private <T> T withRetries(String what, String operation, Callable<T> call) throws InterruptedException {
        try {
            return PAGE_RETRY.executeCheckedSupplier(() -> {
                calls.merge(operation, 1, Integer::sum);
                try {
                    return call.call();
                } catch (CompletionException e) {
                    throw e.getCause() != null ? e.getCause() : e;
                }
            });
        } catch (InterruptedException | SsoLoginRequiredException e) {
            throw e;
        } catch (Throwable e) {
            throw new ScanException("could not list " + what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
