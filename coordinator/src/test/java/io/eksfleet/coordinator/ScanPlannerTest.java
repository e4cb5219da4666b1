package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.scan.VersionedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which accounts a plan covers, out of those the login (or the organisation) has. */
class ScanPlannerTest {

    static final SsoSource SSO = new SsoSource("https://example.awsapps.com/start", "eu-west-1", null);
    static final HubSource HUB = new HubSource(null, "us-east-1");
    static final List<AccountRef> VISIBLE = List.of(new AccountRef("111111111111", "payments-prod"),
            new AccountRef("222222222222", "payments-dev"), new AccountRef("333333333333", "sandbox"));

    /** Which listings the plans made. */
    final List<String> listed = new ArrayList<>();
    final ScanPlanner planner = new ScanPlanner(calls -> new AccountListing() {
        @Override
        public List<AccountRef> ssoAccounts(SsoSource sso) {
            calls.merge("sso:ListAccounts", 1, Integer::sum);
            listed.add("sso " + sso.startUrl());
            return VISIBLE;
        }

        @Override
        public List<AccountRef> organizationAccounts() {
            calls.merge("organizations:ListAccounts", 1, Integer::sum);
            listed.add("organization");
            return VISIBLE;
        }
    });

    static ScanRequest request(SsoSource sso, HubSource hub, List<AccountRef> ids, List<String> patterns, List<String> excluded) {
        return new ScanRequest(VersionedMessage.VERSION, "s", new Access("ReadOnly", sso, hub), List.of(), ids, patterns, excluded, List.of(),
                "enabled", 60_000, 0, "cli", "w");
    }

    @Test
    void globsAndIdsSelectOutOfTheAccountsTheLoginSeesAndWhatMatchesNoneIsReported() throws InterruptedException {
        ScanEvent.ScanStarted plan = planner.plan(request(SSO, null, List.of(new AccountRef("333333333333", null),
                new AccountRef("999999999999", null)), List.of("payments-*", "billing"), List.of("*-dev")));

        assertThat(plan.accounts()).extracting(AccountRef::name).containsExactly("sandbox", "payments-prod");
        assertThat(plan.notVisible()).containsExactly("999999999999", "billing");
        assertThat(listed).containsExactly("sso " + SSO.startUrl());
        assertThat(plan.usage().calls()).isEqualTo(Map.of("sso:ListAccounts", 1));
        assertThat(plan.workers()).as("the plan keeps who runs its tasks").isEqualTo("w");
    }

    @Test
    void nothingNamedIsEveryAccountOfTheOrganisationInHubMode() throws InterruptedException {
        ScanEvent.ScanStarted plan = planner.plan(request(null, HUB, List.of(), List.of(), List.of()));
        assertThat(plan.accounts()).isEqualTo(VISIBLE);
        assertThat(listed).containsExactly("organization");
    }

    @Test
    void aHubScanOfAccountsNamedByIdListsNothingAndKnowsThemByTheirId() throws InterruptedException {
        ScanEvent.ScanStarted plan = planner.plan(request(null, HUB, List.of(new AccountRef("444444444444", null),
                new AccountRef("555555555555", "new-account")), List.of(), List.of("555555555555")));
        assertThat(plan.accounts()).containsExactly(new AccountRef("444444444444", "444444444444"));
        assertThat(plan.notVisible()).isEmpty();
        assertThat(listed).isEmpty();
    }
}
