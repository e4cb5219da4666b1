package io.eksfleet.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.eksfleet.simulator.org.Organization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Kubernetes API for every cluster that has an endpoint: HTTPS on loopback, one server for all,
 * each cluster under its own path ({@code https://127.0.0.1:PORT/clusters/ID}, the endpoint DescribeCluster
 * returns). It answers the discovery calls and namespace listing that {@code kubectl get namespaces} makes,
 * to a bearer token that {@link EksTokens} accepts for that cluster from a principal the cluster admits
 * ({@link Organization.OrgCluster#admits}: an access entry, or the simulated aws-auth, by the cluster's
 * authentication mode): 401 for any other token, 403 for a principal the cluster does not admit.
 */
final class KubernetesApi implements AutoCloseable {

    private static final List<String> NAMESPACES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

    private final HttpsServer server;
    private final SimulatedAws aws;
    private final EksTokens tokens;
    private final ClusterCertificates certificates;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private KubernetesApi(SimulatedAws aws, String bindAddress, ExecutorService executor) throws IOException {
        this.aws = aws;
        this.tokens = new EksTokens(aws.keys, aws.clock);
        this.certificates = ClusterCertificates.generate(bindAddress);
        this.server = HttpsServer.create(new InetSocketAddress(bindAddress, 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.sslContext()));
        server.createContext("/clusters/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static KubernetesApi start(SimulatedAws aws, String bindAddress, ExecutorService executor) throws IOException {
        return new KubernetesApi(aws, bindAddress, executor);
    }

    /** Where each cluster is served, with the CA data that verifies the server. */
    SimulatedAws.ClusterEndpoints endpoints() {
        String host = server.getAddress().getAddress().getHostAddress();
        return new SimulatedAws.ClusterEndpoints("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort() + "/clusters/", certificates.authorityData());
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/clusters/".length());
            int slash = path.indexOf('/');
            String id = slash < 0 ? path : path.substring(0, slash);
            String rest = slash < 0 ? "/" : path.substring(slash);
            Optional<Organization.OrgCluster> cluster = aws.org().servedCluster(id);
            if (cluster.isEmpty()) {
                send(exchange, 404, status(404, "NotFound", "no cluster is served at this address"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
            Optional<KeyStore.Principal> principal = tokens.verify(token, cluster.get().cluster().name());
            if (principal.isEmpty()) {
                refused.incrementAndGet();
                send(exchange, 401, status(401, "Unauthorized", "Unauthorized"));
                return;
            }
            if (!cluster.get().admits(principal.get().iamArn())) {
                refused.incrementAndGet();
                send(exchange, 403, status(403, "Forbidden", "User \"" + principal.get().arn() + "\" cannot access this cluster: "
                        + (cluster.get().cluster().authenticationMode().usesConfigMap()
                                ? "neither an access entry nor aws-auth maps " : "no access entry maps ") + principal.get().iamArn()));
                return;
            }
            accepted.incrementAndGet();
            String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
            switch (rest) {
                case "/api", "/api/" -> send(exchange, 200, Map.of("kind", "APIVersions", "versions", List.of("v1"),
                        "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:443"))));
                case "/apis", "/apis/" -> send(exchange, 200, Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of()));
                case "/api/v1", "/api/v1/" -> send(exchange, 200, Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", "v1",
                        "resources", List.of(Map.of("name", "namespaces", "singularName", "namespace", "namespaced", false,
                                "kind", "Namespace", "verbs", List.of("get", "list"), "shortNames", List.of("ns")))));
                case "/version", "/version/" -> send(exchange, 200, Map.of("major", "1", "minor",
                        cluster.get().cluster().version().substring(2), "gitVersion", "v" + cluster.get().cluster().version() + ".0-eks"));
                case "/api/v1/namespaces", "/api/v1/namespaces/" -> send(exchange, 200,
                        accept.contains("as=Table") ? namespaceTable() : namespaceList());
                default -> send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
            }
        } catch (IOException | RuntimeException e) {
            // The client went away; nothing to answer.
        }
    }

    private static Map<String, Object> namespaceList() {
        return Map.of("kind", "NamespaceList", "apiVersion", "v1", "metadata", Map.of("resourceVersion", "1"),
                "items", NAMESPACES.stream().map(n -> Map.of("kind", "Namespace", "apiVersion", "v1", "metadata", metadata(n),
                        "status", Map.of("phase", "Active"))).toList());
    }

    private static Map<String, Object> namespaceTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.put("metadata", Map.of("resourceVersion", "1"));
        table.put("columnDefinitions", List.of(column("Name", "name"), column("Status", ""), column("Age", "")));
        table.put("rows", NAMESPACES.stream().map(n -> Map.of("cells", List.of(n, "Active", "1d"),
                "object", Map.of("kind", "PartialObjectMetadata", "apiVersion", "meta.k8s.io/v1", "metadata", metadata(n)))).toList());
        return table;
    }

    private static Map<String, Object> column(String name, String format) {
        return Map.of("name", name, "type", "string", "format", format, "description", "", "priority", 0);
    }

    private static Map<String, Object> metadata(String name) {
        return Map.of("name", name, "uid", java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
                "resourceVersion", "1", "creationTimestamp", "2024-01-01T00:00:00Z");
    }

    private static Map<String, Object> status(int code, String reason, String message) {
        return Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure", "message", message,
                "reason", reason, "code", code);
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
