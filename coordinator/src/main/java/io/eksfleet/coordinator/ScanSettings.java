package io.eksfleet.coordinator;

import io.eksfleet.output.ContextTemplate;
import io.eksfleet.scan.SsoSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one scan was asked to do, validated.
 *
 * @param accounts account ids to scan; empty for every account the login can see
 * @param regions explicit regions; empty to use {@code regionMode} ({@code enabled} or {@code all})
 * @param bootstrapServers Kafka to use, or null for an embedded broker
 * @param endpoint every AWS service at this URL (the demo's simulator), or null for the SDK's resolution
 */
public record ScanSettings(SsoSource sso, String roleName, List<String> rolePrefixes, List<String> accounts,
                           List<String> regions, String regionMode, Path kubeconfig, Path awsConfig,
                           ContextTemplate contextTemplate, WorkerTuning tuning, Duration scanTimeout,
                           String bootstrapServers, int workers, boolean dryRun, boolean prune, String currentContext,
                           Path ssoCache, URI endpoint, Duration connectTimeout) {
}
