package io.eksfleet.cli.inventory;

import io.eksfleet.cli.options.AccountOptions;
import io.eksfleet.cli.options.Candidates;
import io.eksfleet.cli.options.DurationOption;
import io.eksfleet.cli.options.FormatOption;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.runtime.CommandFailed;
import io.eksfleet.inventory.InventoryListener;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.KubernetesAccess;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eksfleet inventory}: the clusters on {@code eksfleet.clusters} as a table, JSON or CSV, filtered by
 * account, region, status, Kubernetes version, tags and staleness, or what changed since a time or a scan.
 * Reads Kafka only: no AWS access needed.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the clusters of the inventory topic, filtered; no AWS access is needed.",
            "The inventory is what the scans (and the coordinator) last saw of each cluster."})
public final class InventoryCommand implements Callable<Integer> {

    /** How the clusters are printed. */
    enum Format { text, json, yaml, csv }

    @Spec
    CommandSpec spec;

    @Option(names = "--changes", paramLabel = "SINCE",
            description = {"List the clusters added, removed and changed (version, status, tags, endpoint) since SINCE: a duration (24h),",
                "a time (2026-11-30T08:00:00Z) or a scan id (since just before that scan wrote its first record)."})
    String changes;

    @Option(names = "--status", split = ",", paramLabel = "STATUS", completionCandidates = Candidates.ClusterStatuses.class,
            description = "Only clusters in these statuses: ACTIVE, CREATING, UPDATING, DELETING, FAILED, PENDING.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--kubernetes-version", paramLabel = "V",
            description = "Only clusters on this Kubernetes version, or in this range: 1.31, <1.30, >=1.29 (--version is eksfleet's own).")
    String version;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only clusters with this tag (VALUE * for any value); repeat for several, all must match.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--access", split = ",", paramLabel = "ANSWER",
            description = {"Only clusters whose access, for the role their kubeconfig entry uses, is one of these: yes (an EKS",
                "access entry), no (API mode without one: kubectl is refused), unknown (the entries cannot tell, or no scan looked)."})
    List<String> access = new ArrayList<>();

    @Option(names = "--seen-before", paramLabel = "D", description = "Only clusters no scan has seen for D or longer, e.g. 24h.")
    String seenBefore;

    @Mixin
    AccountOptions accounts;

    @Option(names = "--regions", split = ",", paramLabel = "REGION", completionCandidates = Candidates.Regions.class,
            description = "Only clusters in these regions.")
    List<String> regions = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json|yaml|csv",
            description = "A table for people, JSON records as on the topic (or the same as YAML), or CSV for spreadsheets. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws Exception {
        InventoryFilter filter;
        try {
            filter = new InventoryFilter(accounts.selection(spec), new LinkedHashSet<>(regions),
                    statuses.stream().map(s -> s.strip().toUpperCase()).collect(Collectors.toSet()), version, tags,
                    seenBefore == null ? null : DurationOption.positive(spec, seenBefore, "--seen-before"),
                    access.stream().map(InventoryCommand::answer).collect(Collectors.toSet()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        KafkaClients settings = kafka.required(spec);
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.ensureTopics(settings, timeout, kafka.topicLayout(spec));
        Map<String, InventoryRecord> inventory = new ConcurrentHashMap<>();
        InventoryHistory history = new InventoryHistory();
        try (InventoryListener listener = new InventoryListener(settings, (String arn, InventoryRecord record, Instant written) -> {
            history.add(arn, record, written);
            if (record == null) {
                inventory.remove(arn);
            } else {
                inventory.put(arn, record);
            }
        })) {
            if (!listener.awaitCaughtUp(timeout)) {
                throw new CommandFailed("could not read " + Topics.INVENTORY.name() + " within " + timeout.toSeconds() + " s");
            }
        }
        Instant now = Instant.now();
        if (changes != null) {
            printChanges(history, since(history, now), filter, now);
            return 0;
        }
        List<InventoryRecord> chosen = sorted(inventory.values().stream().filter(r -> filter.test(r, now)).toList());
        print(chosen, inventory.size(), now);
        return 0;
    }

    private static KubernetesAccess.Answer answer(String value) {
        try {
            return KubernetesAccess.Answer.of(value.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--access: " + e.getMessage());
        }
    }

    private void print(List<InventoryRecord> clusters, int total, Instant now) {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json, yaml -> out.print(structured(Messages.MAPPER.writeValueAsString(clusters)));
            case csv -> {
                out.println("accountId,accountName,region,cluster,kubernetesVersion,status,lastSeenAt,arn,access");
                clusters.forEach(r -> out.println(String.join(",", List.of(r.accountId(), csv(r.accountName()), r.region(), csv(r.name()),
                        String.valueOf(r.kubernetesVersion()), r.status(), String.valueOf(r.lastSeenAt()), r.arn(),
                        InventoryFilter.accessOf(r).wire()))));
            }
            default -> {
                int account = width(clusters.stream().map(r -> r.accountName() + " (" + r.accountId() + ")").toList(), "ACCOUNT");
                int name = width(clusters.stream().map(InventoryRecord::name).toList(), "CLUSTER");
                String line = "%-" + account + "s  %-14s  %-" + name + "s  %-7s  %-9s  %-7s  %s%n";
                out.printf(line, "ACCOUNT", "REGION", "CLUSTER", "VERSION", "STATUS", "ACCESS", "SEEN");
                clusters.forEach(r -> out.printf(line, r.accountName() + " (" + r.accountId() + ")", r.region(), r.name(),
                        r.kubernetesVersion(), r.status(), InventoryFilter.accessOf(r).wire(),
                        r.lastSeenAt() == null ? "-" : ago(Duration.between(r.lastSeenAt(), now))));
                out.printf("%d of %d clusters%n", clusters.size(), total);
            }
        }
        out.flush();
    }

    /** SINCE as a duration back from now, a time, or the moment just before a scan's first inventory record. */
    private Instant since(InventoryHistory history, Instant now) {
        if (changes.matches("\\d+(ms|s|m|h)")) {
            return now.minus(DurationOption.positive(spec, changes, "--changes"));
        }
        try {
            return Instant.parse(changes);
        } catch (java.time.format.DateTimeParseException e) {
            return history.firstWrittenBy(changes).orElseThrow(() -> new ParameterException(spec.commandLine(), "--changes: '" + changes
                    + "' is neither a duration (24h), a time (2026-11-30T08:00:00Z) nor a scan that wrote to " + Topics.INVENTORY.name()));
        }
    }

    private void printChanges(InventoryHistory history, Instant since, InventoryFilter filter, Instant now) {
        InventoryHistory.Changes all = history.since(since);
        List<InventoryRecord> added = sorted(all.added().stream().filter(r -> filter.test(r, now)).toList());
        List<InventoryRecord> removed = sorted(all.removed().stream().filter(r -> filter.test(r, now)).toList());
        Map<InventoryRecord, List<InventoryHistory.Change>> changed = new LinkedHashMap<>();
        sorted(all.changed().keySet().stream().filter(r -> filter.test(r, now)).toList()).forEach(r -> changed.put(r, all.changed().get(r)));
        if (since.isBefore(history.oldest())) {
            spec.commandLine().getErr().println("eksfleet inventory: the topic's history starts at " + history.oldest()
                    + "; what changed before that is not known");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json, yaml -> {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("since", since.toString());
                report.put("added", added);
                report.put("removed", removed);
                report.put("changed", changed.entrySet().stream().map(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("arn", e.getKey().arn());
                    row.put("changes", e.getValue().stream().map(c -> {
                        Map<String, Object> change = new LinkedHashMap<>();
                        change.put("field", c.field());
                        change.put("from", c.from());
                        change.put("to", c.to());
                        return change;
                    }).toList());
                    row.put("cluster", e.getKey());
                    return row;
                }).toList());
                out.print(structured(Messages.MAPPER.writeValueAsString(report)));
            }
            case csv -> {
                out.println("change,arn,field,from,to");
                added.forEach(r -> out.println("added," + r.arn() + ",,,"));
                removed.forEach(r -> out.println("removed," + r.arn() + ",,,"));
                changed.forEach((r, list) -> list.forEach(c -> out.println(String.join(",", List.of("changed", r.arn(), c.field(),
                        csv(String.valueOf(c.from())), csv(String.valueOf(c.to())))))));
            }
            default -> {
                out.printf("Since %s: %d added, %d removed, %d changed%n", since, added.size(), removed.size(), changed.size());
                added.forEach(r -> out.printf("+ %s%n", describe(r)));
                removed.forEach(r -> out.printf("- %s%n", describe(r)));
                changed.forEach((r, list) -> out.printf("~ %s: %s%n", describe(r), String.join(", ", list.stream()
                        .map(c -> c.field() + " " + c.from() + " -> " + c.to()).toList())));
            }
        }
        out.flush();
    }

    /** The JSON document as {@code --output} asks for it, JSON or the same data as YAML. */
    private String structured(String json) {
        return format == Format.yaml ? FormatOption.yaml(json) : json + "\n";
    }

    private static String describe(InventoryRecord r) {
        return r.accountName() + " (" + r.accountId() + ") " + r.region() + " " + r.name() + " " + r.kubernetesVersion() + " " + r.status();
    }

    private static List<InventoryRecord> sorted(List<InventoryRecord> records) {
        return records.stream().sorted(Comparator.comparing(InventoryRecord::accountName).thenComparing(InventoryRecord::region)
                .thenComparing(InventoryRecord::name)).toList();
    }

    private static int width(List<String> values, String header) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }

    /** How long ago, as people say it: 42s, 7m, 3h, 12d ago. */
    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return (s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172_800 ? s / 3600 + "h" : s / 86_400 + "d") + " ago";
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("(?s).*[,\"\\n\\r].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
