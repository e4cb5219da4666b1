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

/** Which accounts a plan covers, out of those the login (or the organisation) has, page by page as they are listed. */
class ScanPlannerTest {

    static final SsoSource SSO = new SsoSource("https://example.awsapps.com/start", "eu-west-1", null);
    static final HubSource HUB = new HubSource(null, "us-east-1");
    static final AccountRef PROD = new AccountRef("111111111111", "payments-prod");
    static final AccountRef DEV = new AccountRef("222222222222", "payments-dev");
    static final AccountRef SANDBOX = new AccountRef("333333333333", "sandbox");
    /** Two pages, as Organizations and SSO page their answers. */
    static final List<List<AccountRef>> PAGES = List.of(List.of(PROD), List.of(DEV, SANDBOX));

    static ScanRequest request(SsoSource sso, HubSource hub, List<AccountRef> ids, List<String> patterns, List<String> excluded) {
        return new ScanRequest(VersionedMessage.VERSION, "s", new Access("ReadOnly", sso, hub), List.of(), ids, patterns, excluded, List.of(),
                "enabled", 60_000, 0, "cli", "w");
    }

    /** The plan's start, then its pages up to the last. */
    static List<ScanEvent> steps(ScanPlanner planner, ScanRequest request) throws InterruptedException {
        PlannedScan planned = new PlannedScan();
        planner.plan(request, planned);
        ScanEvent.ScanStarted start = planned.started();
        List<ScanEvent> steps = new ArrayList<>(List.of(start));
        boolean more = start.listing();
        while (more) {
            ScanEvent.AccountsListed page = planned.nextPage();
            steps.add(page);
            more = !page.last();
        }
        return steps;
    }

    static List<AccountRef> accounts(List<ScanEvent> steps) {
        List<AccountRef> accounts = new ArrayList<>(((ScanEvent.ScanStarted) steps.get(0)).accounts());
        steps.stream().skip(1).forEach(p -> accounts.addAll(((ScanEvent.AccountsListed) p).accounts()));
        return accounts;
    }

    @Test
    void globsAndIdsSelectOutOfEachPageAndWhatMatchesNoPageIsReportedWithTheLast() throws InterruptedException {
        PagedListing listing = new PagedListing(PAGES);
        List<ScanEvent> steps = steps(listing.planner(), request(SSO, null, List.of(new AccountRef("333333333333", null),
                new AccountRef("999999999999", null)), List.of("payments-*", "billing"), List.of("*-dev")));

        ScanEvent.ScanStarted start = (ScanEvent.ScanStarted) steps.get(0);
        assertThat(start.listing()).isTrue();
        assertThat(start.accounts()).isEmpty();
        assertThat(start.workers()).as("the plan keeps who runs its tasks").isEqualTo("w");
        assertThat(steps.subList(1, steps.size())).extracting(p -> ((ScanEvent.AccountsListed) p).accounts())
                .containsExactly(List.of(PROD), List.of(SANDBOX), List.of());
        ScanEvent.AccountsListed last = (ScanEvent.AccountsListed) steps.get(steps.size() - 1);
        assertThat(last.last()).isTrue();
        assertThat(last.notVisible()).containsExactly("999999999999", "billing");
        assertThat(steps).extracting(ScanEvent::taskKey).doesNotHaveDuplicates();
        assertThat(steps.subList(1, 3)).extracting(p -> p.usage().calls()).containsOnly(Map.of("sso:ListAccounts", 1));
        assertThat(listing.listed).containsExactly("sso " + SSO.startUrl());
    }

    @Test
    void nothingNamedIsEveryAccountOfTheOrganisationInHubModeInTheOrderListed() throws InterruptedException {
        PagedListing listing = new PagedListing(PAGES);
        List<ScanEvent> steps = steps(listing.planner(), request(null, HUB, List.of(), List.of(), List.of()));
        assertThat(accounts(steps)).containsExactly(PROD, DEV, SANDBOX);
        assertThat(listing.listed).containsExactly("organization");
    }

    @Test
    void aHubScanOfAccountsNamedByIdListsNothingAndKnowsThemByTheirId() throws InterruptedException {
        PagedListing listing = new PagedListing(PAGES);
        List<ScanEvent> steps = steps(listing.planner(), request(null, HUB, List.of(new AccountRef("444444444444", null),
                new AccountRef("555555555555", "new-account")), List.of(), List.of("555555555555")));
        assertThat(steps).singleElement().satisfies(s -> {
            ScanEvent.ScanStarted start = (ScanEvent.ScanStarted) s;
            assertThat(start.listing()).isFalse();
            assertThat(start.accounts()).containsExactly(new AccountRef("444444444444", "444444444444"));
            assertThat(start.notVisible()).isEmpty();
        });
        assertThat(listing.listed).isEmpty();
    }

    @Test
    void theScanStartsAndItsFirstPageIsHandedOnWhileTheRestIsStillBeingListed() throws InterruptedException {
        PagedListing listing = new PagedListing(PAGES, 1, -1);
        PlannedScan planned = listing.planner().planAhead(request(null, HUB, List.of(), List.of(), List.of()));

        assertThat(planned.started().listing()).isTrue();
        assertThat(planned.nextPage().accounts()).containsExactly(PROD);
        assertThat(listing.served).as("the second page is not listed yet").hasValue(1);

        listing.release();
        assertThat(planned.nextPage().accounts()).containsExactly(DEV, SANDBOX);
        assertThat(planned.nextPage().last()).isTrue();
    }
}
