package io.eksfleet.worker;

import io.eksfleet.aws.AwsClients;
import io.eksfleet.budget.BudgetConfig;
import io.eksfleet.sso.RoleCredentials;
import io.eksfleet.sso.SsoTokenCache;
import io.eksfleet.topic.KafkaClients;
import java.util.Objects;

/**
 * What a worker needs: the Kafka client settings, its AWS clients and credential sources, how many AWS
 * calls it may keep in flight, the fleet's budgets, and how calls and tasks are retried.
 *
 * @param workers null for a worker of the fleet; for a scan's own in-process workers, the scan's
 *     {@link io.eksfleet.scan.ScanRequest#workers()}: they run only its tasks, in consumer groups of their own
 * @param accessEntries whether the cluster stage looks up the role's EKS access entries (one to three EKS calls a cluster)
 */
public record WorkerConfig(KafkaClients kafka, AwsClients clients, RoleCredentials roleCredentials,
                           SsoTokenCache tokens, int maxInFlight, BudgetConfig budgets, CallPolicy calls, RetryPolicy retries,
                           String workers, boolean accessEntries) {

    public WorkerConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(retries, "retries");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1");
        }
    }
}
