package io.eksfleet.coordinator;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.sso.SsoToken;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import io.eksfleet.stage.Failures;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.ListAccountsResponse;

/** Decides which accounts a scan covers: every account the SSO login sees, narrowed by {@code --accounts}. */
final class ScanPlanner {

    private static final int PAGE_ATTEMPTS = 6;

    private final AwsClients clients;

    ScanPlanner(AwsClients clients) {
        this.clients = clients;
    }

    ScanPlan plan(ScanSettings settings, SsoToken token) throws InterruptedException {
        List<AccountInfo> visible = listAccounts(settings, token);
        Map<String, AccountInfo> byId = visible.stream()
                .collect(Collectors.toMap(AccountInfo::accountId, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        List<ScanPlan.PlannedAccount> accounts = new ArrayList<>();
        List<String> notVisible = new ArrayList<>();
        if (settings.accounts().isEmpty()) {
            byId.values().forEach(a -> accounts.add(new ScanPlan.PlannedAccount(a.accountId(), a.accountName())));
        } else {
            Set<String> wanted = new LinkedHashSet<>(settings.accounts());
            for (String id : wanted) {
                AccountInfo info = byId.get(id);
                if (info == null) {
                    notVisible.add(id);
                } else {
                    accounts.add(new ScanPlan.PlannedAccount(id, info.accountName()));
                }
            }
        }
        return new ScanPlan(UUID.randomUUID().toString(), settings.sso(), settings.roleName(), settings.rolePrefixes(),
                accounts, notVisible, settings.regions(), settings.regionMode());
    }

    private List<AccountInfo> listAccounts(ScanSettings settings, SsoToken token) throws InterruptedException {
        List<AccountInfo> all = new ArrayList<>();
        String next = null;
        do {
            ListAccountsResponse response = page(settings, token, next);
            all.addAll(response.accountList());
            next = response.nextToken();
        } while (next != null && !next.isEmpty());
        return all;
    }

    /**
     * One page; throttling and transient failures are tried again after a jittered, doubling backoff, as
     * the workers do, since the SDK itself makes one attempt.
     */
    private ListAccountsResponse page(ScanSettings settings, SsoToken token, String nextToken) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return clients.sso(settings.sso().region())
                        .listAccounts(r -> r.accessToken(token.accessToken()).maxResults(100).nextToken(nextToken)).join();
            } catch (CompletionException e) {
                if (Failures.classify(e) == Failures.Kind.PERMANENT || attempt >= PAGE_ATTEMPTS) {
                    throw new ScanException("could not list the accounts of " + settings.sso().startUrl() + ": "
                            + e.getCause().getMessage().lines().findFirst().orElse(""));
                }
                long backoff = 200L << (attempt - 1);
                Thread.sleep(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
            }
        }
    }
}
