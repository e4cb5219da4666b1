package io.eksfleet.stage;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.sso.RoleCredentials;
import io.eksfleet.sso.SsoTokenCache;
import java.util.Map;
import java.util.Objects;

/**
 * What a worker needs: the Kafka client settings, its AWS clients and credential sources, and how many
 * AWS calls it may keep in flight (default 64, the default preset's figure).
 */
public record WorkerConfig(Map<String, Object> kafka, AwsClients clients, RoleCredentials roleCredentials,
                           SsoTokenCache tokens, int maxInFlight) {

    public WorkerConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(clients, "clients");
        kafka = Map.copyOf(kafka);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1");
        }
    }
}
