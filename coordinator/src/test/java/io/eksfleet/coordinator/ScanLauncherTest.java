package io.eksfleet.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.CallUsage;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.ScanStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A scan published as its organisation is listed: each page's tasks at once, and never complete with part of it. */
class ScanLauncherTest {

    static final ScanRequest REQUEST = ScanPlannerTest.request(null, ScanPlannerTest.HUB, List.of(), List.of(), List.of());
    /** Three pages of 20 accounts, as Organizations pages them. */
    static final List<List<AccountRef>> PAGES = IntStream.range(0, 3).mapToObj(p -> IntStream.range(0, 20)
            .mapToObj(i -> new AccountRef(String.format("%012d", 100_000 + p * 20 + i), "account-" + (p * 20 + i))).toList()).toList();

    final WrittenToKafka kafka = new WrittenToKafka();
    final ScanEnding ending = ScanEnding.ofOwnWorkers(kafka, "w");
    final ScanLauncher launcher = new ScanLauncher(kafka, ending);
    final RunningScans running = new RunningScans();

    static List<String> ids(List<AccountRef> accounts) {
        return accounts.stream().map(AccountRef::id).toList();
    }

    CompletableFuture<Integer> launchInBackground(PagedListing listing) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.launch(REQUEST, listing.planner().planAhead(REQUEST));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** What a coordinator following the results topic knows, with every published account task done. */
    void follow(List<String> accountsDone) {
        kafka.events.forEach(running::accept);
        accountsDone.forEach(id -> running.accept(new ScanEvent.AccountScanned(1, REQUEST.scanId(), id, id, "ReadOnly", List.of(),
                CallUsage.NONE)));
    }

    @Test
    void eachPagesTasksArePublishedBeforeTheNextPageIsListedAndTheScanCompletesOnlyAfterTheLastPage() {
        PagedListing listing = new PagedListing(PAGES, 1, -1);
        CompletableFuture<Integer> launched = launchInBackground(listing);

        await().until(() -> kafka.accountTasks.size() == 20);
        assertThat(kafka.accountTasks).isEqualTo(ids(PAGES.get(0)));
        assertThat(listing.served).as("the rest of the organisation is still being listed").hasValue(1);
        assertThat(kafka.events).extracting(ScanEvent::taskKey).containsExactly("scan/started", "scan/listed/1");
        follow(kafka.accountTasks);
        assertThat(running.get(REQUEST.scanId()).orElseThrow().tracker().completion())
                .as("every published task is done, but the listing is not").isNotDone();

        listing.release();
        assertThat(launched.join()).isEqualTo(60);
        assertThat(kafka.accountTasks).hasSize(60).doesNotHaveDuplicates();
        follow(kafka.accountTasks);
        ScanTracker tracker = running.get(REQUEST.scanId()).orElseThrow().tracker();
        assertThat(tracker.completion()).isDone();
        assertThat(tracker.progress().get(io.eksfleet.scan.Stage.ACCOUNTS).planned()).isEqualTo(60);
        ending.endDue(running, System.currentTimeMillis());
        assertThat(kafka.finished()).singleElement().extracting(ScanEvent.ScanFinished::status).isEqualTo(ScanStatus.COMPLETE);
    }

    @Test
    void aListingThatFailsPartWayEndsTheScanWithAnErrorAndNeverAsComplete() {
        PagedListing listing = new PagedListing(PAGES, -1, 1);

        assertThatThrownBy(() -> launchInBackground(listing).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ScanException.class);

        assertThat(kafka.accountTasks).as("the first page's tasks went out").isEqualTo(ids(PAGES.get(0)));
        assertThat(kafka.finished()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(ScanStatus.ERROR);
            assertThat(f.error()).contains("could not list the organisation's accounts: TooManyRequestsException")
                    .contains("after 1 of its pages, 20 accounts").contains("scan again").doesNotContain("\n");
        });
        follow(kafka.accountTasks);
        assertThat(running.get(REQUEST.scanId())).as("the scan is over").isEmpty();
        ending.endDue(running, Long.MAX_VALUE);
        assertThat(kafka.finished()).as("and ended once, as an error").hasSize(1);
    }

    @Test
    void aListingThatCannotBeginFailsTheScanBeforeItStarts() {
        PagedListing listing = new PagedListing(PAGES, -1, 0);

        assertThatThrownBy(() -> launchInBackground(listing).join()).hasCauseInstanceOf(ScanException.class);

        assertThat(kafka.events).singleElement().isInstanceOfSatisfying(ScanEvent.ScanFinished.class,
                f -> assertThat(f.status()).isEqualTo(ScanStatus.ERROR));
        assertThat(kafka.accountTasks).isEmpty();
    }
}
