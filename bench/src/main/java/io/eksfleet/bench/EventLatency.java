package io.eksfleet.bench;

import io.eksfleet.scan.ClusterArn;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.topic.Decoded;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The event scenarios: a fleet (standalone broker, a coordinator taking events in hub mode, one worker) and a
 * simulator answering every call in 40 ms; one event at a time, the time from its publication until the
 * inventory topic has what it announced. {@code event}: an Organizations {@code CreateAccountResult}, until the
 * last of that account's clusters is on the inventory. {@code cluster-event}: a cluster created in the simulator
 * and EKS's {@code CreateCluster} CloudTrail event, until that cluster is on the inventory; three events first
 * warm the fleet up (credentials cached, classes loaded), as a running fleet is.
 */
final class EventLatency {

    /** Which events are published. */
    enum Kind {
        ACCOUNT("event", "account-created event to the account's last inventory record"),
        CLUSTER("cluster-event", "CreateCluster event to the cluster's inventory record, on a warm fleet");

        final String scenario;
        final String what;

        Kind(String scenario, String what) {
            this.scenario = scenario;
            this.what = what;
        }

        String description() {
            return what + ": " + EVENTS + " events, one at a time, 40 ms a call, a coordinator and one worker process (hub mode)";
        }
    }

    private static final int EVENTS = 50;
    private static final int WARM_UP = 3;
    private final Kind kind;

    EventLatency(Kind kind) {
        this.kind = kind;
    }
    private static final Duration PER_EVENT = Duration.ofSeconds(60);

    /** Latencies in ms, in the order the events were published; -1 for an event whose records did not all come in time. */
    record Result(Kind kind, List<Long> latenciesMs) {
        long incomplete() {
            return latenciesMs.stream().filter(l -> l < 0).count();
        }

        /** Over the accounts that completed; nearest rank. */
        long percentile(int p) {
            List<Long> sorted = latenciesMs.stream().filter(l -> l >= 0).sorted().toList();
            if (sorted.isEmpty()) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    Result run(Path work) throws Exception {
        Organization org = OrgGenerator.generate(80, 4, 240, Scenario.SEED);
        List<Account> accounts = org.accounts().stream().filter(a -> !a.clusters().isEmpty()).limit(EVENTS).toList();
        SimulatorConfig config = SimulatorConfig.builder().org(org).latency(LatencySettings.parse(List.of("fixed:40ms")))
                .limits(Scenario.AWS_LIMITS).threads(4).build();
        List<Long> latencies = new ArrayList<>();
        try (Simulator sim = Simulator.start(config);
             BenchFleet fleet = new BenchFleet(Files.createDirectories(work.resolve(kind.scenario + "-fleet")),
                     BenchRun.env(sim, org, true), List.of("--assume-role", Scenario.HUB_ROLE))) {
            fleet.workers(1, List.of());
            KafkaClients kafka = KafkaClients.at(fleet.bootstrapServers());
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            try (KafkaProducer<String, byte[]> producer = kafka.producer(KafkaClients.Partitioning.BY_KEY);
                 KafkaConsumer<String, Decoded> inventory = kafka.consumer(KafkaClients.ConsumerRole.reader())) {
                List<TopicPartition> partitions = inventory.partitionsFor(Topics.INVENTORY.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                inventory.assign(partitions);
                inventory.seekToEnd(partitions);
                partitions.forEach(inventory::position);
                for (int i = 0; i < accounts.size() + (kind == Kind.CLUSTER ? WARM_UP : 0); i++) {
                    Account account = accounts.get(i % accounts.size());
                    Set<String> arns;
                    byte[] event;
                    String topic;
                    if (kind == Kind.ACCOUNT) {
                        arns = account.clusters().stream().map(c -> c.arn(account.id())).collect(Collectors.toSet());
                        event = createAccountResult(account).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        topic = Topics.ACCOUNT_EVENTS.name();
                    } else {
                        String region = account.regions().get(0);
                        String name = "bench-" + i;
                        arns = Set.of(ClusterArn.of(region, account.id(), name).toString());
                        event = Messages.MAPPER.writeValueAsBytes(sim.clusters().create(account.id(), region, name, "1.33", Map.of(),
                                Duration.ofMinutes(10)));
                        topic = Topics.CLUSTER_EVENTS.name();
                    }
                    long published = System.nanoTime();
                    producer.send(new ProducerRecord<>(topic, account.id(), event)).get();
                    long deadline = published + PER_EVENT.toNanos();
                    while (!arrivals.keySet().containsAll(arns) && System.nanoTime() < deadline) {
                        inventory.poll(Duration.ofMillis(20)).forEach(r -> arrivals.putIfAbsent(r.key(), System.nanoTime()));
                    }
                    if (kind == Kind.CLUSTER && i < WARM_UP) {
                        continue;
                    }
                    latencies.add(arrivals.keySet().containsAll(arns)
                            ? (arns.stream().mapToLong(arrivals::get).max().orElseThrow() - published) / 1_000_000 : -1);
                }
            }
        }
        return new Result(kind, latencies);
    }

    /** The EventBridge envelope of AWS Organizations' CreateAccountResult, as CloudTrail delivers it. */
    private static String createAccountResult(Account account) {
        return """
                {"version":"0","id":"bench-%s","detail-type":"AWS Service Event via CloudTrail","source":"aws.organizations",
                 "account":"111122223333","region":"us-east-1","resources":[],
                 "detail":{"eventSource":"organizations.amazonaws.com","eventName":"CreateAccountResult","eventType":"AwsServiceEvent",
                  "serviceEventDetails":{"createAccountStatus":{"id":"car-bench%s","state":"SUCCEEDED",
                   "accountName":"%s","accountId":"%s"}}}}
                """.formatted(account.id(), account.id(), account.name(), account.id());
    }

    static Map<String, Object> json(Result result) {
        Map<String, Object> json = new HashMap<>();
        json.put("scenario", result.kind().scenario);
        json.put("description", result.kind().description());
        json.put("latenciesMs", result.latenciesMs());
        json.put("p50Ms", result.percentile(50));
        json.put("p99Ms", result.percentile(99));
        json.put("incomplete", result.incomplete());
        return json;
    }
}
