package io.eksfleet.cli.options;

import java.io.IOException;
import io.eksfleet.host.UserPath;
import io.eksfleet.topic.KafkaClients;
import io.eksfleet.topic.TopicLayout;
import io.eksfleet.topic.Topics;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a command reaches Kafka: the brokers, and any Kafka client setting (security above all: SASL_SSL with
 * SCRAM, MSK IAM, TLS trust stores) from a properties file or the command line, passed to every client
 * unchanged. Their values never reach a log line: they may hold passwords.
 */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "The Kafka brokers. A scan without them starts an embedded broker in its own process; the other commands need them.")
    public String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location, ...).")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "One Kafka client property; repeatable; beats --kafka-config.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "D", description = "How long Kafka may take to answer. Default: ${DEFAULT-VALUE}.")
    public String connectTimeout;

    @Option(names = "--stage-partitions", defaultValue = "" + Topics.STAGE_PARTITIONS, paramLabel = "N",
            description = {"Partitions of the stage topics and their retry and dead-letter topics when eksfleet creates them: at",
                "most N workers share a stage. Existing topics keep theirs (docs/operations.md says how to raise them). Default: ${DEFAULT-VALUE}."})
    int stagePartitions;

    /** Every client, with these settings; {@code bootstrap} replaces {@code --bootstrap-servers} (an embedded broker's). */
    KafkaClients settings(CommandSpec spec, String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            String text = UserPath.named("--kafka-config", UserPath.Kind.KAFKA_CONFIG, configFile).read().orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "--kafka-config: cannot read " + configFile + " (it does not exist)"));
            try (Reader reader = new StringReader(text)) {
                file.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--kafka-config: cannot read " + configFile + " (" + e.getMessage() + ")");
            }
            file.forEach((k, v) -> settings.put(k.toString(), v.toString()));
        }
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--kafka-property: write KEY=VALUE, e.g. security.protocol=SASL_SSL");
            }
            settings.put(property.substring(0, eq).trim(), property.substring(eq + 1));
        }
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaClients(settings);
    }

    /** For commands that need a running Kafka. */
    public KafkaClients required(CommandSpec spec) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ParameterException(spec.commandLine(), "say where Kafka runs: --bootstrap-servers HOST:PORT");
        }
        return settings(spec, bootstrapServers);
    }

    /** The partitions of the topics this command creates if they are missing. */
    public TopicLayout topicLayout(CommandSpec spec) {
        if (stagePartitions < 1 || stagePartitions > TopicLayout.MAX_STAGE_PARTITIONS) {
            throw new ParameterException(spec.commandLine(), "--stage-partitions must be between 1 and " + TopicLayout.MAX_STAGE_PARTITIONS);
        }
        return TopicLayout.stages(stagePartitions);
    }

    public Duration connectTimeout(CommandSpec spec) {
        return DurationOption.positive(spec, connectTimeout, "--connect-timeout");
    }
}
