package io.eksfleet.cli.scan;

import io.eksfleet.budget.BudgetSnapshot;
import io.eksfleet.cli.worker.WorkerStats;
import io.eksfleet.coordinator.ScanOutcome;
import io.eksfleet.coordinator.ScanTracker;

import io.eksfleet.output.OutputWriter;

import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.ScanEvent;
import io.eksfleet.scan.ScanStatus;
import io.eksfleet.scan.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one scan: the JSON report (schema in the README) and the summary printed at the end. Exit
 * code 0 when everything planned was done, 2 when the scan finished with failures, skipped accounts or a
 * timeout.
 */
public final class ScanReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ScanEvent.ScanStarted plan;
    private final ScanOutcome outcome;
    private final OutputWriter.Written written;
    private final WorkerStats workers;
    private final Instant started;
    private final Duration duration;
    private final Duration startup;

    /**
     * @param duration from planning to the written outputs
     * @param startup before that: checks, the embedded broker if any, topics, workers joining their groups
     */
    ScanReport(ScanEvent.ScanStarted plan, ScanOutcome outcome, OutputWriter.Written written, WorkerStats workers, Instant started,
               Duration duration, Duration startup) {
        this.plan = plan;
        this.outcome = outcome;
        this.written = written;
        this.workers = workers;
        this.started = started;
        this.duration = duration;
        this.startup = startup;
    }

    /** 0 all done, 2 done with failures or refused clusters, 1 when an output file could not be written. */
    public int exitCode() {
        return !written.complete() ? 1 : complete() && written.refused().isEmpty() ? 0 : 2;
    }

    private boolean complete() {
        return status() == ScanStatus.COMPLETE;
    }

    private ScanStatus status() {
        return outcome.status();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", 1);
        r.put("scanId", plan.scanId());
        r.put("status", status());
        r.put("startedAt", started.toString());
        r.put("durationMs", duration.toMillis());
        r.put("startupMs", startup.toMillis());
        Access access = plan.access();
        if (access.usesSso()) {
            r.put("ssoStartUrl", access.sso().startUrl());
        } else {
            r.put("assumeRole", ordered("roleName", access.roleName(), "externalId", access.hub().externalId() != null));
        }
        r.put("accounts", ordered(
                "planned", progress(Stage.ACCOUNTS).planned(),
                "scanned", outcome.accounts().size(),
                "failed", failures(Stage.ACCOUNTS),
                "skipped", outcome.skipped().stream().map(s -> ordered("accountId", s.accountId(), "reason", s.reason())).toList(),
                "notVisible", outcome.notVisible(),
                "rolesNotTaken", rolesNotTaken()));
        r.put("regions", ordered("planned", progress(Stage.REGIONS).planned(), "scanned", outcome.scannedRegions().size(),
                "failed", failures(Stage.REGIONS)));
        Map<String, Long> byStatus = new TreeMap<>(outcome.clusters().stream()
                .collect(Collectors.groupingBy(ClusterRecord::status, Collectors.counting())));
        r.put("clusters", ordered(
                "found", outcome.clusters().size(),
                "byStatus", byStatus,
                "inKubeconfig", inKubeconfig(),
                "notInKubeconfig", outcome.clusters().stream().filter(c -> !c.reachable())
                        .sorted(java.util.Comparator.comparing(ClusterRecord::arn))
                        .map(c -> ordered("arn", c.arn(), "status", c.status())).toList(),
                "refused", written.refused().stream().map(c -> ordered("arn", c.arn(), "reason", c.reason())).toList(),
                "failed", failures(Stage.CLUSTERS),
                "byAccess", access().byAnswer(),
                "noAccess", outcome.clusters().stream().flatMap(c -> c.perRole().stream()).filter(c -> c.reachable() && c.accessDenied())
                        .sorted(java.util.Comparator.comparing(ClusterRecord::arn))
                        .map(c -> ordered("arn", c.arn(), "roleName", c.roleName(), "why", c.kubernetesAccess().why())).toList(),
                "leftOut", written.inaccessible()));
        r.put("failures", outcome.failures().stream().map(ScanReport::failure)
                .sorted(java.util.Comparator.comparing(Object::toString)).toList());
        r.put("failuresByStageAndReason", failuresByReason());
        r.put("failureGroups", failureGroups().stream().map(g -> ordered("stage", g.stage(), "errorCode", g.errorCode(),
                "message", g.message(), "count", g.tasks().size(), "examples", g.tasks().subList(0, Math.min(EXAMPLES, g.tasks().size()))))
                .toList());
        r.put("apiCalls", outcome.calls());
        r.put("resilience", ordered(
                "throttled", outcome.throttled(),
                "callRetries", outcome.callRetries(),
                "taskRetries", outcome.retries().size(),
                "taskRetriesByReason", retriesByReason(),
                "deadLettered", outcome.failures().size(),
                "peakInFlight", workers.peakInFlight(),
                "budgets", budgets()));
        r.put("kubeconfig", ordered("path", written.kubeconfig(), "written", !written.kubeconfigFailed(), "added", written.added(),
                "updated", written.updated(), "unchanged", written.unchanged(), "pruned", written.pruned(), "keptInUse", written.kept(),
                "notes", written.notes(), "dryRun", written.dryRun(), "writeMs", written.kubeconfigMs()));
        r.put("awsConfig", ordered("path", written.awsConfig(), "written", !written.awsConfigFailed(), "profiles", written.profiles(),
                "notes", written.profileNotes()));
        r.put("notWritten", written.notWritten());
        return r;
    }

    /**
     * Entries in the kubeconfig, one per cluster and role: none when it was not written, never one refused or left out.
     */
    private long inKubeconfig() {
        return written.kubeconfigFailed() ? 0 : entriesWanted() - refusedEntries() - written.inaccessible().size();
    }

    /**
     * A refusal is the cluster's, listed once, but takes out the entry of every role it was found with, except the roles
     * already left out ({@code --only-accessible}), which count there.
     */
    private long refusedEntries() {
        Set<String> refused = written.refused().stream().map(OutputWriter.Refused::arn).collect(Collectors.toSet());
        Map<String, Long> leftOut = written.inaccessible().stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        return outcome.clusters().stream().filter(c -> c.reachable() && refused.contains(c.arn()))
                .mapToLong(c -> c.perRole().size() - leftOut.getOrDefault(c.arn(), 0L)).sum();
    }

    private long entriesWanted() {
        return outcome.clusters().stream().filter(ClusterRecord::reachable).mapToLong(c -> c.perRole().size()).sum();
    }

    private AccessCounts access() {
        return AccessCounts.of(outcome.clusters());
    }

    /** The workers' budgets by family name in lower case, alphabetically. */
    private Map<String, BudgetSnapshot> budgets() {
        Map<String, BudgetSnapshot> byName = new TreeMap<>();
        workers.budgets().forEach((family, b) -> byName.put(family.name().toLowerCase(), b));
        return byName;
    }

    public String json() {
        return JSON.writeValueAsString(toMap());
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        var clusters = outcome.clusters();
        s.append(String.format("Scan %s %s in %.1f s (after %.1f s starting up)%n", plan.scanId(),
                switch (status()) {
                    case COMPLETE -> "complete";
                    case TIMEOUT -> "TIMED OUT (partial result)";
                    case COMPLETED_WITH_FAILURES, ERROR -> "finished with failures";
                },
                duration.toMillis() / 1000.0, startup.toMillis() / 1000.0));
        s.append(String.format("  accounts  %d planned, %d scanned, %d skipped, %d failed%s%n", progress(Stage.ACCOUNTS).planned(),
                outcome.accounts().size(), outcome.skipped().size(), failures(Stage.ACCOUNTS),
                outcome.notVisible().isEmpty() ? "" : ", " + outcome.notVisible().size() + " not visible to this login"));
        rolesNotTaken().forEach((role, ids) -> s.append(String.format("    role %s not taken in %d account(s): %s%s%n", role, ids.size(),
                String.join(", ", ids.subList(0, Math.min(EXAMPLES, ids.size()))), ids.size() > EXAMPLES ? " and " + (ids.size() - EXAMPLES) + " more" : "")));
        s.append(String.format("  regions   %d planned, %d scanned, %d failed%n", progress(Stage.REGIONS).planned(),
                outcome.scannedRegions().size(), failures(Stage.REGIONS)));
        long accepted = entriesWanted() - refusedEntries() - written.inaccessible().size();
        s.append(String.format("  clusters  %d found%s, %d in kubeconfig%s, %d refused, %d failed%n", clusters.size(),
                clusters.isEmpty() ? "" : clusters.stream().collect(Collectors.groupingBy(ClusterRecord::status, TreeMap::new, Collectors.counting()))
                        .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ", " (", ")")),
                inKubeconfig(), written.kubeconfigFailed() ? " (" + accepted + " not written)" : "", written.refused().size(),
                failures(Stage.CLUSTERS)));
        clusters.stream().filter(c -> !c.reachable()).forEach(c ->
                s.append(String.format("    not in kubeconfig: %s (%s)%n", c.arn(), c.status())));
        written.refused().forEach(c -> s.append(String.format("    refused: %s%n", c)));
        AccessCounts access = access();
        if (access.looked()) {
            s.append(String.format("  access    %s (EKS access entries of the scan's role)%n", access.answers()));
            access.deniedBy().forEach((why, n) -> s.append(String.format("    %s: %d%s%n", why, n, written.inaccessible().isEmpty()
                    ? " (in the kubeconfig, where kubectl is refused; --only-accessible leaves them out)" : " (left out: --only-accessible)")));
        }
        s.append("  api calls ").append(outcome.calls().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))).append('\n');
        s.append(String.format("  resilience %d throttled answers, %d call retries, %d task retries, %d dead letters; peak %d calls in flight%n",
                outcome.throttled(), outcome.callRetries(), outcome.retries().size(), outcome.failures().size(),
                workers.peakInFlight()));
        budgets().forEach((family, b) -> s.append(String.format("  budget    %s %s rps per key, lowest %s, %s throttled, %s keys%n",
                family, b.configuredRps(), b.lowestRps(), b.throttled(), b.keys())));
        s.append(String.format("  kubeconfig %s%s: %d added, %d updated, %d unchanged, %d pruned%n", written.kubeconfig(),
                written.dryRun() ? " (dry run, not written)" : written.kubeconfigFailed() ? " (NOT WRITTEN)" : "", written.added(), written.updated(), written.unchanged(),
                written.pruned().size()));
        written.kept().forEach(k -> s.append(String.format("    kept (in use): %s%n", k)));
        written.notes().forEach(n -> s.append(String.format("    note: %s%n", n)));
        if (plan.access().usesSso()) {
            s.append(String.format("  aws config %s%s: %d profiles%n", written.awsConfig(),
                    written.dryRun() ? " (dry run, not written)" : written.awsConfigFailed() ? " (NOT WRITTEN)" : "", written.profiles()));
        } else {
            s.append(String.format("  aws config not used: in hub mode the kubeconfig's users assume the role themselves%n"));
        }
        written.profileNotes().forEach(n -> s.append(String.format("    note: %s%n", n)));
        written.notWritten().forEach(n -> s.append(String.format("  NOT WRITTEN %s%n", n)));
        failuresByReason().forEach((reason, n) -> s.append(String.format("  failed    %s: %d%n", reason, n)));
        for (FailureGroup g : failureGroups()) {
            String cause = g.errorCode() + " " + g.message() + hint(g);
            if (g.tasks().size() == 1) {
                s.append(String.format("    %s %s: %s%n", g.stage(), g.tasks().get(0), cause));
            } else {
                int shown = Math.min(EXAMPLES, g.tasks().size());
                s.append(String.format("    %s, %d tasks: %s (%s%s)%n", g.stage(), g.tasks().size(), cause,
                        String.join(", ", g.tasks().subList(0, shown)),
                        g.tasks().size() > shown ? " and " + (g.tasks().size() - shown) + " more" : ""));
            }
        }
        outcome.skipped().forEach(k -> s.append(String.format("  skipped   %s (%s): %s%n", k.accountId(), k.accountName(), k.reason())));
        outcome.notVisible().forEach(id -> s.append(String.format("  skipped   %s: not visible to this SSO login%n", id)));
        return s.toString();
    }

    /**
     * The accounts scanned without a role asked for by name (the login may not take it there, or AWS refused the hub
     * it), by role.
     */
    private Map<String, List<String>> rolesNotTaken() {
        Map<String, List<String>> byRole = new TreeMap<>();
        outcome.accounts().forEach(a -> a.rolesNotTaken().forEach(role -> byRole.computeIfAbsent(role, k -> new ArrayList<>()).add(a.accountId())));
        return byRole;
    }

    /** Tasks named in a group of failures before the rest are counted. */
    private static final int EXAMPLES = 3;

    /**
     * Failures of one cause: the same stage, error code and message once the task's own account id is taken
     * out of it (AWS names the account in AccessDenied messages). A login that ends mid-scan fails every
     * account left in the same way, and is reported once.
     *
     * @param tasks the failed tasks, as {@code account[ region[ cluster]]}
     */
    record FailureGroup(String stage, String errorCode, String message, List<String> tasks) {
    }

    /** What to do about the failures AWS answers tersely when an account's role cannot be taken. */
    private String hint(FailureGroup g) {
        if (!g.stage().equals("accounts")) {
            return "";
        }
        Access access = plan.access();
        if (access.usesSso() && g.errorCode().equals("ForbiddenException")) {
            return ": the login may not take " + (access.roleName() != null ? "role " + access.roleName() : "that role")
                    + " in these accounts (eksfleet accounts lists the roles it may take)";
        }
        if (!access.usesSso() && g.errorCode().startsWith("AccessDenied")) {
            return ": the role " + access.roleName() + " does not trust this identity" + (access.hub().externalId() != null
                    ? " with this external id" : "") + ", or is missing in these accounts";
        }
        return "";
    }

    List<FailureGroup> failureGroups() {
        Map<List<String>, List<String>> byCause = new LinkedHashMap<>();
        outcome.failures().stream().sorted(java.util.Comparator.comparing(ScanEvent.TaskFailed::taskKey)).forEach(f -> byCause
                .computeIfAbsent(List.of(f.stage().name().toLowerCase(), f.errorCode(), f.message().replace(f.accountId(), "{account}")),
                        k -> new ArrayList<>())
                .add(f.accountId() + (f.region() == null ? "" : " " + f.region()) + (f.clusterName() == null ? "" : " " + f.clusterName())));
        return byCause.entrySet().stream().map(e -> new FailureGroup(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()))
                .sorted(java.util.Comparator.comparing((FailureGroup g) -> -g.tasks().size())).toList();
    }

    private ScanTracker.StageProgress progress(Stage stage) {
        return outcome.progress().getOrDefault(stage, new ScanTracker.StageProgress(0, 0));
    }

    private long failures(Stage stage) {
        return outcome.failures().stream().filter(f -> f.stage() == stage).count();
    }

    private Map<String, Long> retriesByReason() {
        return new TreeMap<>(outcome.retries().stream()
                .collect(Collectors.groupingBy(r -> r.stage().name().toLowerCase() + "/" + r.errorCode(), Collectors.counting())));
    }

    private Map<String, Long> failuresByReason() {
        return new TreeMap<>(outcome.failures().stream()
                .collect(Collectors.groupingBy(f -> f.stage().name().toLowerCase() + "/" + f.errorCode(), Collectors.counting())));
    }

    private static Map<String, Object> failure(ScanEvent.TaskFailed f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", f.stage().name().toLowerCase());
        m.put("accountId", f.accountId());
        m.put("region", f.region());
        m.put("cluster", f.clusterName());
        m.put("errorCode", f.errorCode());
        m.put("message", f.message());
        m.put("attempts", f.attempts());
        return m;
    }

    /** A map of alternating keys and values, in that order: the report's fields keep a stable order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
