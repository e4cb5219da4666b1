package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.SsoAsyncClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.TooManyRequestsException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

class SsoPortalTest {

    static final Organization ORG = OrgGenerator.generate(47, 2, 10, 11);

    static Simulator sim;
    static AwsClients aws;
    static SsoClient sso;
    static SsoAsyncClient ssoAsync;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.builder().org(ORG).limits(RateLimits.UNLIMITED)
                .roleCredentialTtl(Duration.ofMinutes(30)).build());
        aws = new AwsClients(sim);
        sso = aws.sso();
        ssoAsync = aws.ssoAsync();
    }

    @AfterAll
    static void stop() {
        sso.close();
        ssoAsync.close();
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.calls().reset();
        sim.limits(RateLimits.UNLIMITED);
        sim.updateFaults(f -> FaultSettings.NONE);
    }

    @Test
    void listAccountsPagesThroughExactlyTheOrgsAccounts() {
        String token = sim.issueAccessToken();
        List<String> ids = sso.listAccountsPaginator(r -> r.accessToken(token).maxResults(5)).accountList().stream()
                .map(AccountInfo::accountId).toList();
        assertThat(ids).containsExactlyElementsOf(ORG.accounts().stream().map(Account::id).toList());
        assertThat(sim.calls().count(Api.SSO_LIST_ACCOUNTS)).isEqualTo(10);

        List<String> viaAsync = new java.util.concurrent.CopyOnWriteArrayList<>();
        ssoAsync.listAccountsPaginator(r -> r.accessToken(token)).accountList().subscribe(a -> viaAsync.add(a.accountId())).join();
        assertThat(viaAsync).containsExactlyElementsOf(ids);
    }

    @Test
    void listAccountRolesAndGetRoleCredentials() {
        String token = sim.issueAccessToken();
        Account account = ORG.accounts().get(3);
        List<String> roles = sso.listAccountRolesPaginator(r -> r.accessToken(token).accountId(account.id()).maxResults(1))
                .roleList().stream().map(RoleInfo::roleName).toList();
        assertThat(roles).containsExactlyElementsOf(OrgGenerator.ROLES);

        RoleCredentials creds = ssoAsync.getRoleCredentials(r -> r.accessToken(token).accountId(account.id())
                .roleName("ReadOnly")).join().roleCredentials();
        assertThat(creds.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(creds.secretAccessKey()).hasSize(40);
        assertThat(creds.sessionToken()).isNotBlank();
        // expiration is epoch milliseconds, as the portal's GetRoleCredentials answers it
        assertThat(Instant.ofEpochMilli(creds.expiration()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
    }

    @Test
    void unassignedRoleIsForbiddenNoAccessAndNotRetried() {
        String token = sim.issueAccessToken();
        assertThatThrownBy(() -> sso.getRoleCredentials(r -> r.accessToken(token).accountId(ORG.accounts().get(0).id())
                .roleName("NotAssigned")))
                .isInstanceOfSatisfying(SsoException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No access");
                });
        assertThat(sim.calls().count(Api.SSO_GET_ROLE_CREDENTIALS, Outcome.DENIED)).isEqualTo(1);
        assertThat(sim.calls().retries(Api.SSO_GET_ROLE_CREDENTIALS)).isZero();
    }

    @Test
    void unknownAndLoggedOutTokensAreUnauthorized() {
        assertThatThrownBy(() -> sso.listAccounts(r -> r.accessToken("made-up")))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("Session token not found or invalid");
        String token = sim.issueAccessToken();
        sso.logout(r -> r.accessToken(token));
        assertThatThrownBy(() -> sso.listAccounts(r -> r.accessToken(token))).isInstanceOf(UnauthorizedException.class);
        assertThat(sim.calls().retries(Api.SSO_LIST_ACCOUNTS)).isZero();
    }

    @Test
    void throttlingIsTooManyRequestsAndRetriedByTheSdk() {
        sim.updateFaults(f -> f.withThrottleRate(1.0));
        String token = sim.issueAccessToken();
        assertThatThrownBy(() -> sso.listAccounts(r -> r.accessToken(token)))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(429);
                });
        // The SDK's default (legacy) mode makes 4 attempts.
        assertThat(sim.calls().count(Api.SSO_LIST_ACCOUNTS, Outcome.THROTTLED)).isEqualTo(4);
        assertThat(sim.calls().retries(Api.SSO_LIST_ACCOUNTS)).isEqualTo(3);
    }

    @Test
    void asyncClientSeesTheSameErrors() {
        assertThatThrownBy(() -> ssoAsync.listAccounts(r -> r.accessToken("nope")).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(UnauthorizedException.class);
    }
}
