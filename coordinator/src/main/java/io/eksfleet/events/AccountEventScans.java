package io.eksfleet.events;

import io.eksfleet.coordinator.ScanOrigin;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How the coordinator scans an account an event announced: with {@code access} (the hub and the role it assumes), in the
 * given regions; AccessDenied is tried again for {@code accessRetryWindow}, since a new account's role takes
 * minutes to become assumable. The same hub and role are the scope of cluster events' looks and reconcile rounds.
 *
 * <p>The scan id is derived from the account id, so a duplicate event, or both Organizations' and Control
 * Tower's event for one account, ask for the same scan, which the coordinator starts once.
 */
public record AccountEventScans(Access access, List<String> regions, String regionMode,
                                Duration accessRetryWindow, Duration scanTimeout) {

    /** The default window: AWS documents that a new account's roles can take minutes to propagate. */
    public static final Duration DEFAULT_ACCESS_RETRY_WINDOW = Duration.ofMinutes(15);

    public ScanRequest request(AccountEvent.Created event) {
        return new ScanRequest(VersionedMessage.VERSION, scanId(event.accountId()), access, List.of(),
                List.of(new AccountRef(event.accountId(), event.accountName())), List.of(), List.of(), regions, regionMode, scanTimeout.toMillis(),
                accessRetryWindow.toMillis(), ScanOrigin.ACCOUNT_EVENT.label(event.source()), null);
    }

    /** The one scan an account's creation starts. */
    public static String scanId(String accountId) {
        return UUID.nameUUIDFromBytes(("account-created/" + accountId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
