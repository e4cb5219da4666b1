package io.eksfleet.cli.scan;

import io.eksfleet.coordinator.ScanOrigin;

import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.worker.WorkerTuning;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.AccountSelection;
import io.eksfleet.scan.ScanRequest;
import io.eksfleet.scan.VersionedMessage;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicLayout;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one scan was asked to do, validated.
 *
 * @param access the SSO login, or the hub identity that assumes the role in every account; with an SSO login, the
 *     role is null when {@code rolePrefixes} choose it
 * @param accounts the accounts to scan, out of every account the login (or the organisation) has
 * @param output the kubeconfig and AWS config to write, and how
 * @param regions explicit regions; empty to use {@code regionMode} ({@code enabled} or {@code all})
 * @param kafka the Kafka clients, or null for an embedded broker
 * @param workers workers in this process; 0 submits the scan to a running fleet's coordinator
 * @param detach with a fleet: print the scan id once the request is on Kafka, and return
 * @param endpoint every AWS service at this URL (the demo's simulator), or null for the SDK's resolution
 * @param topics the partitions of the topics the scan creates if they are missing
 */
public record ScanSettings(Access access, List<String> rolePrefixes, AccountSelection accounts,
                           List<String> regions, String regionMode, OutputWriter.Settings output, WorkerTuning tuning,
                           Duration scanTimeout, KafkaClients kafka, int workers, boolean detach, Path ssoCache,
                           URI endpoint, Duration connectTimeout, TopicLayout topics) {

    /** With workers in this process, they run the scan's tasks, and this process ends the scan: they are named after it. */
    ScanRequest request(String scanId) {
        return new ScanRequest(VersionedMessage.VERSION, scanId, access, rolePrefixes, accounts.ids(), accounts.patterns(), accounts.excluded(), regions, regionMode,
                scanTimeout.toMillis(), 0, ScanOrigin.COMMAND.label(), workers == 0 ? null : scanId);
    }

    /** Where the scan gets its credentials, for messages. */
    String source() {
        return access.usesSso() ? access.sso().startUrl() : "role " + access.roleName() + " assumed from the hub identity";
    }
}
