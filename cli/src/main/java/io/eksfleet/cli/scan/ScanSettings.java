package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.ScanOrigin;

import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.worker.WorkerTuning;

import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.HubSource;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.SsoSource;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.KafkaClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one scan was asked to do, validated.
 *
 * @param sso the SSO login, or null in hub mode
 * @param hub the hub identity that assumes {@code roleName} in every account, or null in SSO mode
 * @param accounts the accounts to scan, out of every account the login (or the organisation) has
 * @param output the kubeconfig and AWS config to write, and how
 * @param regions explicit regions; empty to use {@code regionMode} ({@code enabled} or {@code all})
 * @param kafka the clients of the given broker, or null for an embedded broker
 * @param workers workers in this process; 0 submits the scan to a running fleet's coordinator
 * @param detach with a fleet: print the scan id once the request is on Kafka, and return
 * @param endpoint every AWS service at this URL (the demo's simulator), or null for the SDK's resolution
 */
public record ScanSettings(SsoSource sso, HubSource hub, String roleName, List<String> rolePrefixes, AccountSelection accounts,
                           List<String> regions, String regionMode, OutputWriter.Settings output, WorkerTuning tuning,
                           Duration scanTimeout, KafkaClients kafka, int workers, boolean detach, Path ssoCache,
                           URI endpoint, Duration connectTimeout) {

    /** With workers in this process, they run the scan's tasks, and this process ends the scan: they are named after it. */
    ScanRequest request(String scanId) {
        return new ScanRequest(VersionedMessage.VERSION, scanId, sso, hub, roleName, rolePrefixes, accounts.ids(), accounts.patterns(), accounts.excluded(), regions, regionMode,
                scanTimeout.toMillis(), 0, ScanOrigin.COMMAND.label(), workers == 0 ? null : scanId);
    }

    OutputWriter.Access access() {
        return new OutputWriter.Access(sso, hub);
    }

    /** Where the scan gets its credentials, for messages. */
    String source() {
        return sso != null ? sso.startUrl() : "role " + roleName + " assumed from the hub identity";
    }
}
