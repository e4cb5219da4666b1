package io.eksfleet.cli.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.eksfleet.topic.SkippedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations endpoints of a long-running process: {@code /health/live} (200 while the process works,
 * 503 when a vital thread died: restart it), {@code /health/ready} (200 once it takes work, 503 before and
 * while stopping) and {@code /metrics} (Prometheus text format: the role's own, the JVM's and the process's).
 * Without a port it only keeps the metrics.
 */
public final class ManagementServer implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpServer server;

    /**
     * @param port where to listen, 0 for any free port, or negative for no endpoints
     */
    public ManagementServer(int port, BooleanSupplier alive, BooleanSupplier ready) throws IOException {
        registry.config().meterFilter(BoundedSeries.NO_PER_BROKER_METRICS).meterFilter(BoundedSeries.HISTOGRAM_STEPS);
        // The JVM's and the process's own figures (memory, GC, threads, CPU, open files, uptime), as Micrometer names them.
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new FileDescriptorMetrics(), new UptimeMetrics())) {
            binder.bindTo(registry);
        }
        SkippedRecords.bindTo(registry);
        if (port < 0) {
            server = null;
            return;
        }
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "eksfleet-management");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", exchange -> health(exchange, alive.getAsBoolean()));
        server.createContext("/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.start();
    }

    /** The port the endpoints listen on, or -1 without endpoints. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void gauge(String name, String help, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).register(registry);
    }

    private static void health(HttpExchange exchange, boolean ok) throws IOException {
        send(exchange, ok ? 200 : 503, "application/json", ok ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        gc.close();
        SkippedRecords.unbind(registry);
        registry.close();
    }
}
