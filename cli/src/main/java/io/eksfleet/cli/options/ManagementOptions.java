package io.eksfleet.cli.options;

import io.eksfleet.topic.KafkaClients;
import io.eksfleet.cli.runtime.ManagementServer;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/** The options every long-running role shares: its operations endpoints and its identity in its consumer groups. */
public final class ManagementOptions {

    @Option(names = "--management-port", defaultValue = "-1", paramLabel = "PORT",
            description = "Serve /health/live, /health/ready and /metrics (Prometheus) on PORT (0: any free port). Default: off.")
    int port;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = {"Static group membership (group.instance.id): a restart under the same ID within the session timeout",
                "gets its partitions back without a rebalance. Use a stable name per replica (a StatefulSet pod name)."})
    String instanceId;

    private ManagementServer server;

    public ManagementServer start(BooleanSupplier alive, BooleanSupplier ready) throws IOException {
        server = new ManagementServer(port, alive, ready);
        return server;
    }

    /** {@code kafka} with this process's static membership id, made unique per role. */
    public KafkaClients withInstanceId(KafkaClients kafka, String role) {
        if (instanceId == null) {
            return kafka;
        }
        return kafka.withInstanceId(role + "-" + instanceId);
    }

    /** What names this process in metrics: {@code --instance-id}, else the host name (a pod's name in Kubernetes). */
    public String instance() {
        if (instanceId != null) {
            return instanceId;
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    public String describe() {
        return server == null || server.port() < 0 ? "" : ", management on port " + server.port();
    }
}
