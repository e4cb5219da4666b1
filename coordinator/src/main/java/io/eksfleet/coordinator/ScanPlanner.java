package io.eksfleet.coordinator;

import java.util.concurrent.CompletableFuture;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.sso.SsoToken;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.resilience.Backoff;
import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.sso.model.AccountInfo;

/**
 * Decides which accounts a scan covers: the accounts asked for, or every account the SSO login sees
 * ({@code sso:ListAccounts}), or in hub mode every ACTIVE account of the organisation
 * ({@code organizations:ListAccounts} with the coordinator's own identity). In SSO mode, accounts asked for
 * that the login does not see are reported, not scanned.
 */
public final class ScanPlanner {

    private static final int PAGE_ATTEMPTS = 6;
    private static final Retry PAGE_RETRY = new Backoff(Duration.ofMillis(200)).retry("eksfleet-planner", PAGE_ATTEMPTS);

    private final AwsClients clients;
    private final SsoTokenCache tokens;

    public ScanPlanner(AwsClients clients, SsoTokenCache tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    /** Plans on a thread of its own, so that the caller can start what the scan needs meanwhile. */
    public CompletableFuture<ScanEvent.ScanStarted> planAhead(ScanRequest request) {
        CompletableFuture<ScanEvent.ScanStarted> planned = new CompletableFuture<>();
        Thread planner = new Thread(() -> {
            try {
                planned.complete(plan(request));
            } catch (InterruptedException | RuntimeException e) {
                planned.completeExceptionally(e);
            }
        }, "eksfleet-planner-" + request.scanId());
        planner.setDaemon(true);
        planner.start();
        return planned;
    }

    ScanEvent.ScanStarted plan(ScanRequest request) throws InterruptedException {
        Map<String, Integer> calls = new TreeMap<>();
        List<AccountRef> accounts = new ArrayList<>();
        List<String> notVisible = new ArrayList<>();
        if (request.hub() != null) {
            accounts.addAll(request.accounts().isEmpty() ? organizationAccounts(calls) : request.accounts());
        } else {
            Map<String, AccountRef> visible = ssoAccounts(request, calls);
            if (request.accounts().isEmpty()) {
                accounts.addAll(visible.values());
            } else {
                for (AccountRef wanted : new LinkedHashSet<>(request.accounts())) {
                    AccountRef seen = visible.get(wanted.id());
                    if (seen == null) {
                        notVisible.add(wanted.id());
                    } else {
                        accounts.add(seen);
                    }
                }
            }
        }
        return new ScanEvent.ScanStarted(VersionedMessage.VERSION, request.scanId(), request.sso(), request.hub(),
                request.roleName(), request.rolePrefixes(), List.copyOf(accounts), notVisible, request.regions(),
                request.regionMode(), System.currentTimeMillis(), request.timeoutMs(), request.accessRetryMs(), request.origin(),
                new CallUsage(calls, 0, 0));
    }

    private Map<String, AccountRef> ssoAccounts(ScanRequest request, Map<String, Integer> calls) throws InterruptedException {
        SsoToken token = tokens.read(request.sso());
        Map<String, AccountRef> byId = new LinkedHashMap<>();
        String next = null;
        do {
            String page = next;
            var response = withRetries("the accounts of " + request.sso().startUrl(), calls, "sso:ListAccounts",
                    () -> clients.sso(request.sso().region())
                            .listAccounts(r -> r.accessToken(token.accessToken()).maxResults(100).nextToken(page)).join());
            for (AccountInfo a : response.accountList()) {
                byId.putIfAbsent(a.accountId(), new AccountRef(a.accountId(), a.accountName()));
            }
            next = response.nextToken();
        } while (next != null && !next.isEmpty());
        return byId;
    }

    /** Organizations is a global service answered in us-east-1; suspended and closing accounts are left out. */
    private List<AccountRef> organizationAccounts(Map<String, Integer> calls) throws InterruptedException {
        AwsCredentialsProvider identity = hubIdentity();
        var builder = OrganizationsClient.builder().region(Region.US_EAST_1).httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(identity)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()));
        if (clients.endpoint() != null) {
            builder.endpointOverride(clients.endpoint());
        }
        List<AccountRef> accounts = new ArrayList<>();
        try (OrganizationsClient organizations = builder.build()) {
            String next = null;
            do {
                String page = next;
                var response = withRetries("the organisation's accounts", calls, "organizations:ListAccounts",
                        () -> organizations.listAccounts(r -> r.nextToken(page)));
                response.accounts().stream().filter(a -> a.status() == AccountStatus.ACTIVE)
                        .forEach(a -> accounts.add(new AccountRef(a.id(), a.name())));
                next = response.nextToken();
            } while (next != null && !next.isEmpty());
        }
        return accounts;
    }

    /**
     * The coordinator's own identity, resolved once up front: without credentials every listing attempt would
     * walk the whole provider chain again, and the SDK's answer lists all six providers on one long line.
     */
    static AwsCredentialsProvider hubIdentity() {
        AwsCredentialsProvider identity = DefaultCredentialsProvider.builder().build();
        try {
            identity.resolveCredentials();
        } catch (SdkClientException e) {
            throw new ScanException(NO_HUB_CREDENTIALS);
        }
        return identity;
    }

    static final String NO_HUB_CREDENTIALS = "hub mode found no AWS credentials for its own identity: set AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with a web identity token or an instance or container role";

    /**
     * One listing call; throttling and transient failures are tried again with eksfleet's {@link Backoff},
     * as the workers do, since the SDK itself makes one attempt.
     */
    private static <T> T withRetries(String what, Map<String, Integer> calls, String operation, Callable<T> call)
            throws InterruptedException {
        try {
            return PAGE_RETRY.executeCheckedSupplier(() -> {
                calls.merge(operation, 1, Integer::sum);
                try {
                    return call.call();
                } catch (CompletionException e) {
                    throw e.getCause() != null ? e.getCause() : e;
                }
            });
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) {
            throw new ScanException("could not list " + what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
