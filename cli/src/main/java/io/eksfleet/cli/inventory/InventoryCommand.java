package io.eksfleet.cli.inventory;

import io.eksfleet.cli.options.AccountOptions;
import io.eksfleet.cli.options.DurationOption;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.coordinator.ScanException;
import io.eksfleet.inventory.InventoryListener;
import io.eksfleet.inventory.InventoryRecord;
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
 * account, region, status, Kubernetes version, tags and staleness. Reads Kafka only: no AWS access needed.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the clusters of the inventory topic, filtered; no AWS access is needed.",
            "The inventory is what the scans (and the coordinator) last saw of each cluster."})
public final class InventoryCommand implements Callable<Integer> {

    /** How the clusters are printed. */
    enum Format { text, json, csv }

    @Spec
    CommandSpec spec;

    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Only clusters in these statuses: ACTIVE, CREATING, UPDATING, DELETING, FAILED, PENDING.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--kubernetes-version", paramLabel = "V",
            description = "Only clusters on this Kubernetes version, or in this range: 1.31, <1.30, >=1.29 (--version is eksfleet's own).")
    String version;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only clusters with this tag (VALUE * for any value); repeat for several, all must match.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--seen-before", paramLabel = "D", description = "Only clusters no scan has seen for D or longer, e.g. 24h.")
    String seenBefore;

    @Mixin
    AccountOptions accounts;

    @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "Only clusters in these regions.")
    List<String> regions = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json|csv",
            description = "A table for people, JSON records as on the topic, or CSV for spreadsheets. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws Exception {
        InventoryFilter filter;
        try {
            filter = new InventoryFilter(accounts.selection(spec), new LinkedHashSet<>(regions),
                    statuses.stream().map(s -> s.strip().toUpperCase()).collect(Collectors.toSet()), version, tags,
                    seenBefore == null ? null : DurationOption.positive(spec, seenBefore, "--seen-before"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, Object> settings = kafka.required(spec);
        Duration timeout = kafka.connectTimeout(spec);
        TopicAdmin.ensureTopics(settings, timeout);
        Map<String, InventoryRecord> inventory = new ConcurrentHashMap<>();
        try (InventoryListener listener = new InventoryListener(settings, (arn, record) -> {
            if (record == null) {
                inventory.remove(arn);
            } else {
                inventory.put(arn, record);
            }
        })) {
            if (!listener.awaitCaughtUp(timeout)) {
                throw new ScanException("could not read " + Topics.INVENTORY.name() + " within " + timeout.toSeconds() + " s");
            }
        }
        Instant now = Instant.now();
        List<InventoryRecord> chosen = inventory.values().stream().filter(r -> filter.test(r, now))
                .sorted(Comparator.comparing(InventoryRecord::accountName).thenComparing(InventoryRecord::region)
                        .thenComparing(InventoryRecord::name)).toList();
        print(chosen, inventory.size(), now);
        return 0;
    }

    private void print(List<InventoryRecord> clusters, int total, Instant now) {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(Messages.MAPPER.writeValueAsString(clusters));
            case csv -> {
                out.println("accountId,accountName,region,cluster,kubernetesVersion,status,lastSeenAt,arn");
                clusters.forEach(r -> out.println(String.join(",", List.of(r.accountId(), csv(r.accountName()), r.region(), csv(r.name()),
                        String.valueOf(r.kubernetesVersion()), r.status(), String.valueOf(r.lastSeenAt()), r.arn()))));
            }
            default -> {
                int account = width(clusters.stream().map(r -> r.accountName() + " (" + r.accountId() + ")").toList(), "ACCOUNT");
                int name = width(clusters.stream().map(InventoryRecord::name).toList(), "CLUSTER");
                String line = "%-" + account + "s  %-14s  %-" + name + "s  %-7s  %-9s  %s%n";
                out.printf(line, "ACCOUNT", "REGION", "CLUSTER", "VERSION", "STATUS", "SEEN");
                clusters.forEach(r -> out.printf(line, r.accountName() + " (" + r.accountId() + ")", r.region(), r.name(),
                        r.kubernetesVersion(), r.status(), r.lastSeenAt() == null ? "-" : ago(Duration.between(r.lastSeenAt(), now))));
                out.printf("%d of %d clusters%n", clusters.size(), total);
            }
        }
        out.flush();
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
