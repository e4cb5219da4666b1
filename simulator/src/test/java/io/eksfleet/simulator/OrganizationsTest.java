package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AccountStatus;

class OrganizationsTest {

    static Organization org;
    static Simulator sim;
    static AwsClients aws;

    @BeforeAll
    static void start() throws Exception {
        org = OrgGenerator.generate(53, 1, 5, 4);
        sim = Simulator.start(SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).build());
        aws = new AwsClients(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void managementAccountPagesThroughEveryAccount() {
        try (OrganizationsClient organizations = aws.organizations(aws.hubCredentials())) {
            var accounts = organizations.listAccountsPaginator(r -> { }).stream().flatMap(page -> page.accounts().stream()).toList();
            assertThat(accounts).extracting(a -> a.id()).containsExactlyElementsOf(org.accounts().stream().map(Account::id).toList());
            assertThat(accounts).allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE);
                assertThat(a.arn()).isEqualTo("arn:aws:organizations::" + org.managementAccountId() + ":account/"
                        + org.organizationId() + "/" + a.id());
                assertThat(a.joinedTimestamp()).isNotNull();
            });
        }
        assertThat(sim.calls().count(c -> c.api() == Api.ORGANIZATIONS_LIST_ACCOUNTS
                && c.account().equals(org.managementAccountId()))).isEqualTo(3);
    }

    @Test
    void memberAccountIsDenied() {
        try (OrganizationsClient organizations = aws.organizations(aws.roleCredentials(org.accounts().get(0).id(), "ReadOnly"))) {
            assertThatThrownBy(organizations::listAccounts).isInstanceOf(AccessDeniedException.class);
        }
    }
}
