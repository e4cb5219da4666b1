package io.eksfleet.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A consumer as Micrometer's {@code KafkaClientMetrics} reads it, with only its client-wide metrics: the per-topic and
 * per-partition ones (seven for each partition, some two thousand series for a worker owning every partition) are left
 * out. A meter filter cannot do this: the binder replaces a client-wide meter (consumer lag among them) by the
 * per-partition meters of the same name once they appear, so denying those would lose both.
 */
final class ClientWideMetrics {

    private ClientWideMetrics() {
    }

    /** A view of {@code consumer} that answers {@code metrics()} (all the binder calls) and nothing else. */
    static Consumer<?, ?> of(Consumer<?, ?> consumer) {
        return (Consumer<?, ?>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("metrics") && method.getParameterCount() == 0) {
                        return clientWide(consumer.metrics());
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        try {
                            return method.invoke(consumer, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    throw new UnsupportedOperationException("only metrics() is read through this view, not " + method.getName());
                });
    }

    static Map<MetricName, Metric> clientWide(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream().filter(e -> !e.getKey().tags().containsKey("topic") && !e.getKey().tags().containsKey("partition"))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
