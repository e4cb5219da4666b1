package io.eksfleet.events;

import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How the coordinator scans an account an event announced: in hub mode, assuming {@code roleName}, in the
 * given regions; AccessDenied is tried again for {@code accessRetryWindow}, since a new account's role takes
 * minutes to become assumable.
 *
 * <p>The scan id is derived from the account id, so a duplicate event, or both Organizations' and Control
 * Tower's event for one account, ask for the same scan, which the coordinator starts once.
 */
public record AccountEventScans(String roleName, HubSource hub, List<String> regions, String regionMode,
                                Duration accessRetryWindow, Duration scanTimeout) {

    /** The default window: AWS documents that a new account's roles can take minutes to propagate. */
    public static final Duration DEFAULT_ACCESS_RETRY_WINDOW = Duration.ofMinutes(15);

    public ScanRequest request(AccountEvent.Created event) {
        return new ScanRequest(VersionedMessage.VERSION, scanId(event.accountId()), Access.viaHub(hub, roleName), List.of(),
                List.of(new AccountRef(event.accountId(), event.accountName())), List.of(), List.of(), regions, regionMode, scanTimeout.toMillis(),
                accessRetryWindow.toMillis(), "account-event:" + event.source(), null);
    }

    /** How long a look at one account and region after a cluster event may take. */
    public static final Duration CLUSTER_EVENT_SCAN_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The look a cluster event asks for: the event's account and region listed and described again (so a
     * deleted cluster's tombstone comes from the complete listing); {@code round} 0 for the event itself, then
     * 1, 2... for the looks again while a cluster there is still changing.
     */
    public ScanRequest request(ClusterEvent.Changed event, String accountName, int round) {
        String scanId = UUID.nameUUIDFromBytes(("cluster-event/" + event.eventId() + "/" + round).getBytes(StandardCharsets.UTF_8)).toString();
        return new ScanRequest(VersionedMessage.VERSION, scanId, Access.viaHub(hub, roleName), List.of(),
                List.of(new AccountRef(event.accountId(), accountName)), List.of(), List.of(), List.of(event.region()), "enabled",
                CLUSTER_EVENT_SCAN_TIMEOUT.toMillis(), 0, CLUSTER_EVENT_ORIGIN + event.eventName(), null);
    }

    /** The origin of the scans cluster events start, followed by the event's name. */
    public static final String CLUSTER_EVENT_ORIGIN = "cluster-event:";

    /** The one scan an account's creation starts. */
    public static String scanId(String accountId) {
        return UUID.nameUUIDFromBytes(("account-created/" + accountId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
