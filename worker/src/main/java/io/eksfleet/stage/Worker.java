package io.eksfleet.stage;

import io.eksfleet.topic.Messages;
import io.eksfleet.topic.Topic;
import io.eksfleet.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * One worker: a consumer of each stage topic in the stage's consumer group, so that workers in one or many
 * processes share the partitions. A listener thread only starts a task; the task's AWS calls run async,
 * many at once, bounded by the in-flight limit. A task's offset is committed once its outputs are on Kafka
 * (at-least-once; out-of-order completions are committed in order).
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final DefaultKafkaProducerFactory<String, Object> producerFactory;
    private final ExecutorService continuations;
    private final List<ConcurrentMessageListenerContainer<String, ?>> containers;

    public Worker(WorkerConfig config) {
        Map<String, Object> producerProps = new HashMap<>(config.kafka());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>(Messages.MAPPER);
        values.setAddTypeInfo(false);
        this.producerFactory = new DefaultKafkaProducerFactory<>(producerProps, new StringSerializer(), values);
        this.continuations = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "eksfleet-worker-continuation");
            t.setDaemon(true);
            return t;
        });
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(producerFactory);
        // Learn every topic's partitions now, so that no send ever waits for metadata.
        Topics.all().forEach(t -> template.partitionsFor(t.name()));
        StageServices services = new StageServices(config.clients(), config.roleCredentials(), config.tokens(),
                new InFlightLimit(config.maxInFlight()), new Outputs(template, continuations));
        this.containers = List.of(
                container(config, Topics.ACCOUNTS, new AccountStage(services)::handle),
                container(config, Topics.REGIONS, new RegionStage(services)::handle),
                container(config, Topics.CLUSTERS, new ClusterStage(services)::handle));
    }

    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
    }

    @Override
    public void close() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        producerFactory.destroy();
        continuations.shutdown();
    }

    private static <V> ConcurrentMessageListenerContainer<String, V> container(WorkerConfig config, Topic<V> topic,
                                                                          Function<V, CompletableFuture<?>> stage) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "eksfleet-worker-" + topic.name());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(16, config.maxInFlight() * 2));
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        var consumers = new DefaultKafkaConsumerFactory<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        ContainerProperties properties = new ContainerProperties(topic.name());
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setAsyncAcks(true);
        properties.setMessageListener((AcknowledgingMessageListener<String, V>) (record, ack) -> {
            CompletableFuture<?> done;
            try {
                done = stage.apply(record.value());
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("task at {}-{}@{} could not report its result: {}", record.topic(), record.partition(),
                            record.offset(), error.toString());
                }
                ack.acknowledge();
            });
        });
        var container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setBeanName("eksfleet-" + topic.name());
        return container;
    }
}
