package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * What the stages report on {@code eksfleet.scan.results} (key: scan id). The coordinator counts a scan
 * complete when every planned task has a matching event; events are idempotent by their task key, so a
 * task processed twice counts once. {@code usage} holds the AWS calls the task attempt made.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScanEvent.ScanStarted.class, name = "ScanStarted"),
    @JsonSubTypes.Type(value = ScanEvent.AccountsListed.class, name = "AccountsListed"),
    @JsonSubTypes.Type(value = ScanEvent.ScanFinished.class, name = "ScanFinished"),
    @JsonSubTypes.Type(value = ScanEvent.AccountScanned.class, name = "AccountScanned"),
    @JsonSubTypes.Type(value = ScanEvent.AccountSkipped.class, name = "AccountSkipped"),
    @JsonSubTypes.Type(value = ScanEvent.RegionScanned.class, name = "RegionScanned"),
    @JsonSubTypes.Type(value = ScanEvent.ClusterFound.class, name = "ClusterFound"),
    @JsonSubTypes.Type(value = ScanEvent.TaskFailed.class, name = "TaskFailed"),
    @JsonSubTypes.Type(value = ScanEvent.TaskRetried.class, name = "TaskRetried")})
public sealed interface ScanEvent extends VersionedMessage {

    /** The key of the task this event closes: {@code account/ID}, {@code region/ID/REGION}, {@code cluster/ARN}. */
    String taskKey();

    /** The AWS calls behind this event's task attempt. */
    CallUsage usage();

    /**
     * The coordinator started the scan and is about to publish one task per account: the first event of a scan.
     * {@code usage} holds the planner's listing calls made before it.
     *
     * @param access as the request's, {@link ScanRequest#access()}
     * @param accounts the scan's accounts when they were known up front; empty while {@code listing}
     * @param notVisible accounts asked for that the login does not see; reported, never scanned
     * @param accessRetryMs from {@code startedAtMs}, how long AccessDenied on an account is tried again
     * @param workers whose workers run the scan's tasks, as {@link ScanRequest#workers()}
     * @param listing the accounts follow page by page in {@link AccountsListed} events, as the listing returns them:
     *     the scan is not complete before the last page
     */
    record ScanStarted(int v, String scanId, @JsonUnwrapped Access access, List<String> rolePrefixes,
                       List<AccountRef> accounts, List<String> notVisible, List<String> regions, String regionMode,
                       long startedAtMs, long timeoutMs, long accessRetryMs, String origin, CallUsage usage, String workers,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean listing) implements ScanEvent {

        /** A scan whose accounts are all known when it starts. */
        public ScanStarted(int v, String scanId, Access access, List<String> rolePrefixes, List<AccountRef> accounts,
                           List<String> notVisible, List<String> regions, String regionMode, long startedAtMs, long timeoutMs,
                           long accessRetryMs, String origin, CallUsage usage, String workers) {
            this(v, scanId, access, rolePrefixes, accounts, notVisible, regions, regionMode, startedAtMs, timeoutMs, accessRetryMs,
                    origin, usage, workers, false);
        }

        @Override
        public String taskKey() {
            return "scan/started";
        }
    }

    /**
     * One page of a listing scan's accounts ({@link ScanStarted#listing()}), published before its account tasks.
     * {@code usage} holds the listing calls behind the page.
     *
     * @param page the page's number, from 1
     * @param accounts the page's accounts the scan selects; may be empty
     * @param notVisible on the last page: accounts asked for that the login does not see
     * @param last the listing is complete: no account is planned after this page
     */
    record AccountsListed(int v, String scanId, int page, List<AccountRef> accounts, List<String> notVisible, boolean last,
                          CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return "scan/listed/" + page;
        }
    }

    /**
     * The last event of a scan: every planned task closed ({@code complete} or {@code completed-with-failures}),
     * the timeout passed ({@code timeout}), or the scan could not be planned ({@code error}, with the reason).
     *
     * @param counts the scan's figures: accounts, regions, clusters, failures, skipped, throttled, retried
     */
    record ScanFinished(int v, String scanId, ScanStatus status, String error, java.util.Map<String, Integer> counts,
                        long finishedAtMs, CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return "scan/finished";
        }
    }

    /**
     * The account's credentials worked; {@code regions} were planned as region tasks.
     *
     * @param rolesNotTaken roles the scan asked for by name that the account did not give it: the SSO login may not take
     *     them there, or AWS refused to let the hub assume them; the account was scanned with the others
     */
    record AccountScanned(int v, String scanId, String accountId, String accountName, String roleName,
                          List<String> regions, CallUsage usage, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> rolesNotTaken)
            implements ScanEvent {

        public AccountScanned {
            rolesNotTaken = rolesNotTaken == null ? List.of() : List.copyOf(rolesNotTaken);
        }

        public AccountScanned(int v, String scanId, String accountId, String accountName, String roleName, List<String> regions,
                              CallUsage usage) {
            this(v, scanId, accountId, accountName, roleName, regions, usage, List.of());
        }

        @Override
        public String taskKey() {
            return Stage.ACCOUNTS.taskKey(accountId, null, null);
        }
    }

    /** No role matched the requested prefixes: the account is reported, never scanned with another role. */
    record AccountSkipped(int v, String scanId, String accountId, String accountName, String reason,
                          CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return Stage.ACCOUNTS.taskKey(accountId, null, null);
        }
    }

    /** All pages listed; {@code clusters} were planned as cluster tasks. */
    record RegionScanned(int v, String scanId, String accountId, String region, List<String> clusters,
                         CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return Stage.REGIONS.taskKey(accountId, region, null);
        }
    }

    record ClusterFound(int v, String scanId, ClusterRecord cluster, CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return Stage.CLUSTERS.taskKey(cluster.accountId(), cluster.region(), cluster.name());
        }
    }

    /**
     * A task attempt failed and the task went to its stage's retry topic; it stays open. Not a closing event:
     * the coordinator only counts it.
     */
    record TaskRetried(int v, String scanId, Stage stage, String accountId, String region, String clusterName,
                       int attempt, String errorCode, String message, CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return stage.taskKey(accountId, region, clusterName) + "#retry" + attempt;
        }
    }

    /** A task given up and dead-lettered: not retryable, or out of attempts. The message never carries a secret. */
    record TaskFailed(int v, String scanId, Stage stage, String accountId, String region, String clusterName,
                      String errorCode, String message, int attempts, CallUsage usage) implements ScanEvent {
        @Override
        public String taskKey() {
            return stage.taskKey(accountId, region, clusterName);
        }
    }
}
