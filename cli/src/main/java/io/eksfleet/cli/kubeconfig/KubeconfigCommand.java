package io.eksfleet.cli.kubeconfig;

import io.eksfleet.cli.runtime.CommandFailed;

import io.eksfleet.cli.inventory.InventoryFilter;
import io.eksfleet.cli.options.AccountOptions;
import io.eksfleet.cli.options.Candidates;
import io.eksfleet.cli.options.KafkaOptions;
import io.eksfleet.cli.options.OutputOptions;
import io.eksfleet.output.OutputWriter;
import io.eksfleet.cli.options.UntilStopped;

import io.eksfleet.inventory.InventoryListener;
import io.eksfleet.inventory.InventoryRecord;
import io.eksfleet.scan.Access;
import io.eksfleet.scan.ClusterRecord;
import io.eksfleet.scan.Printable;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicAdmin;
import io.eksfleet.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eksfleet kubeconfig}: kubeconfigs from the inventory topic, for machines without AWS access. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true, subcommands = KubeconfigCommand.Sync.class,
        description = "Builds kubeconfigs from the cluster inventory on Kafka (eksfleet.clusters).")
public final class KubeconfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code eksfleet kubeconfig sync}: the scan's kubeconfig, written from the inventory alone. */
    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Writes the kubeconfig entries (and, for SSO-reached clusters, the AWS profiles) of every cluster in",
                "eksfleet.clusters, with the same writer and semantics as eksfleet scan; no AWS call is made.",
                "With --follow it keeps the file current as records arrive, and puts its entries back within a second when",
                "another program's write drops them, until stopped (SIGTERM, Ctrl-C).",
                "--accounts, --exclude-accounts, --regions and --tag write only the clusters they select."})
    public static final class Sync implements Callable<Integer> {

        /** Changes that arrive together are written together. */
        static final Duration FOLLOW_BATCH = Duration.ofSeconds(1);

        @Spec
        CommandSpec spec;

        @Option(names = "--follow", description = {"Keep the kubeconfig current as inventory records arrive, and merge the entries",
                "in again when another writer (kubectl) changes the file."})
        boolean follow;

        @Option(names = "--tag", paramLabel = "KEY=VALUE",
                description = "Only clusters with this tag (VALUE * for any value); repeat for several, all must match.")
        Map<String, String> tags = new LinkedHashMap<>();

        @Mixin
        AccountOptions accounts;

        @Option(names = "--regions", split = ",", paramLabel = "REGION", completionCandidates = Candidates.Regions.class,
                description = "Only clusters in these regions.")
        List<String> regions = new ArrayList<>();

        @Mixin
        OutputOptions files;

        @Mixin
        KafkaOptions kafka;

        private final UntilStopped life = new UntilStopped("eksfleet-kubeconfig-sync");
        private FollowedFile followed;
        /** Whether the last write added, changed or removed an entry. */
        private boolean wroteChanges;

        @Override
        public Integer call() throws Exception {
            files.checkPaths();
            if (follow && files.dryRun) {
                throw new ParameterException(spec.commandLine(), "--follow writes the file as it changes: it does not go with --dry-run");
            }
            InventoryFilter selection = InventoryFilter.of(accounts.selection(spec), new java.util.LinkedHashSet<>(regions), tags);
            OutputWriter.Settings output = files.settings(spec);
            OutputWriter writer = new OutputWriter(output);
            followed = new FollowedFile(output.kubeconfig(), java.time.Clock.systemUTC());
            KafkaClients settings = kafka.required(spec);
            Duration timeout = kafka.connectTimeout(spec);
            PrintWriter err = spec.commandLine().getErr();
            writer.check().forEach(note -> err.println("eksfleet kubeconfig sync: " + note));
            if (follow) {
                TopicAdmin.awaitTopics(settings, timeout, kafka.topicLayout(spec));
            } else {
                TopicAdmin.ensureTopics(settings, timeout, kafka.topicLayout(spec));
            }
            Map<String, InventoryRecord> inventory = new LinkedHashMap<>();
            AtomicBoolean changed = new AtomicBoolean();
            PrintWriter out = spec.commandLine().getOut();
            try (UntilStopped running = life.enter();
                 InventoryListener listener = new InventoryListener(settings, (arn, record) -> {
                     synchronized (inventory) {
                         if (record == null) {
                             inventory.remove(arn);
                         } else {
                             inventory.put(arn, record);
                         }
                     }
                     changed.set(true);
                 })) {
                if (!listener.awaitCaughtUp(timeout)) {
                    throw new CommandFailed("could not read " + Topics.INVENTORY.name() + " within " + timeout.toSeconds()
                            + " s: check --bootstrap-servers");
                }
                changed.set(false);
                Result result = write(writer, snapshot(inventory), selection, out, err);
                if (!follow) {
                    return result == Result.NOT_WRITTEN ? 1 : result == Result.REFUSED ? 2 : 0;
                }
                // A write that failed (the file locked for long, say) is tried again with the next batch; a record
                // that arrived during the write is written with it too.
                if (result == Result.NOT_WRITTEN) {
                    changed.set(true);
                }
                while (!life.awaitStop(FOLLOW_BATCH)) {
                    boolean inventoryChanged = changed.getAndSet(false);
                    // Another writer that read the file before this one's last write and wrote after it (kubectl's
                    // config commands do) drops the entries written in between: they are merged in again.
                    boolean rewritten = !inventoryChanged && followed.changedByAnother()
                            && followed.mayMergeAgain(line -> err.println("eksfleet kubeconfig sync: " + line));
                    if (inventoryChanged || rewritten) {
                        if (write(writer, snapshot(inventory), selection, out, err) == Result.NOT_WRITTEN) {
                            changed.set(true);
                        }
                        if (rewritten && wroteChanges) {
                            followed.merged();
                        }
                    }
                }
            }
            return 0;
        }

        /** Ends {@code --follow}, as SIGTERM does. */
        public void stop() {
            life.stop();
        }

        /** The records by their keys on the topic. */
        private static Map<String, InventoryRecord> snapshot(Map<String, InventoryRecord> inventory) {
            synchronized (inventory) {
                return new LinkedHashMap<>(inventory);
            }
        }

        private enum Result { WRITTEN, REFUSED, NOT_WRITTEN }

        /**
         * Clusters reached through different logins (or the hub) are written group by group, each with its own
         * profiles; a cluster reached in several ways is written the way {@link InventoryRecord#preferred} says. A record
         * whose key is not its ARN gets no entry, nor do the clusters the writer refuses; an entry under that key is kept.
         * Says on stderr why a file could not be written. Only the selected clusters are written; the entries of the
         * others stay as they are, pruned only once the inventory no longer has their cluster.
         */
        private Result write(OutputWriter writer, Map<String, InventoryRecord> byKey, InventoryFilter selection, PrintWriter kubeconfig,
                             PrintWriter err) {
            // With --dry-run stdout is the kubeconfig alone, so that it can be redirected to a file.
            PrintWriter out = files.dryRun ? err : kubeconfig;
            wroteChanges = false;
            java.time.Instant now = java.time.Instant.now();
            Set<String> present = byKey.entrySet().stream()
                    .filter(e -> e.getValue().cluster().reachable() && !writer.leavesOut(e.getValue().cluster())).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            List<OutputWriter.Refused> refused = new ArrayList<>();
            List<InventoryRecord> records = new ArrayList<>();
            byKey.forEach((key, record) -> {
                if (!selection.test(record, now)) {
                    return;
                }
                if (key.equals(record.arn())) {
                    records.add(record);
                } else {
                    refused.add(new OutputWriter.Refused(key, "the record under this key is for " + Printable.of(record.arn())));
                }
            });
            // Grouped by login (or the hub) alone: each cluster's entry names its own role.
            Map<Access, List<ClusterRecord>> byAccess = records.stream().collect(Collectors.groupingBy(
                    r -> r.preferred().withRole(null), () -> new TreeMap<>(java.util.Comparator.comparing(Object::toString)),
                    Collectors.mapping(InventoryRecord::cluster, Collectors.toList())));
            if (byAccess.isEmpty()) {
                byAccess.put(new Access(null, null, null), List.of());
            }
            for (Map.Entry<Access, List<ClusterRecord>> group : byAccess.entrySet()) {
                OutputWriter.Written written = writer.write(group.getValue(), group.getKey(), arn -> !present.contains(arn));
                followed.written(written);
                if (!written.complete()) {
                    followed.failed(written.notWritten()).forEach(line -> err.println("eksfleet kubeconfig sync: " + line));
                    err.flush();
                    return Result.NOT_WRITTEN;
                }
                wroteChanges |= written.added() + written.updated() + written.pruned().size() > 0;
                refused.addAll(written.refused());
                written.kept().forEach(k -> out.println("  kept (in use): " + k));
                written.notes().forEach(n -> out.println("  note: " + n));
                written.profileNotes().forEach(n -> out.println("  note: " + n));
                if (written.dryRun()) {
                    kubeconfig.print(written.preview());
                    kubeconfig.flush();
                } else {
                    out.printf("eksfleet kubeconfig sync: %s: %d added, %d updated, %d unchanged, %d pruned (%d clusters in %s)%n",
                            written.kubeconfig(), written.added(), written.updated(), written.unchanged(), written.pruned().size(),
                            records.size(), Topics.INVENTORY.name());
                }
            }
            followed.recovered().ifPresent(line -> err.println("eksfleet kubeconfig sync: " + line));
            if (!refused.isEmpty()) {
                out.printf("eksfleet kubeconfig sync: %d %s refused, no entry written:%n", refused.size(), refused.size() == 1 ? "cluster" : "clusters");
                refused.forEach(r -> out.println("  refused: " + r));
            }
            out.flush();
            err.flush();
            return refused.isEmpty() ? Result.WRITTEN : Result.REFUSED;
        }
    }
}
