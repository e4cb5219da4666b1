package io.eksfleet.events;

import io.eksfleet.coordinator.ScanOrigin;
import io.eksfleet.scan.AccountRef;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The looks cluster events ask for: the event's account and region listed and described again (so a deleted
 * cluster's tombstone comes from the complete listing), with the hub and role of the coordinator's event scope.
 */
record ClusterEventScans(AccountEventScans scope) {

    /** How long a look at one account and region after a cluster event may take. */
    static final Duration SCAN_TIMEOUT = Duration.ofMinutes(5);

    /**
     * {@code round} 0 for the event itself, then 1, 2... for the looks again while a cluster there is still
     * changing. The scan id comes from the event's id and the round, so a duplicate event starts nothing.
     */
    ScanRequest request(ClusterEvent.Changed event, String accountName, int round) {
        String scanId = UUID.nameUUIDFromBytes(("cluster-event/" + event.eventId() + "/" + round).getBytes(StandardCharsets.UTF_8)).toString();
        return new ScanRequest(VersionedMessage.VERSION, scanId, scope.access(), List.of(),
                List.of(new AccountRef(event.accountId(), accountName)), List.of(), List.of(), List.of(event.region()), "enabled",
                SCAN_TIMEOUT.toMillis(), 0, ScanOrigin.CLUSTER_EVENT.label(event.eventName()), null);
    }
}
