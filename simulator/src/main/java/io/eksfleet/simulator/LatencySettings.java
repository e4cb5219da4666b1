package io.eksfleet.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A default latency and overrides per service ({@code eks}) or per operation ({@code eks:DescribeCluster});
 * the most specific one applies. Default: no latency.
 */
public record LatencySettings(LatencyModel defaultModel, Map<String, LatencyModel> overrides) {

    public static final LatencySettings NONE = new LatencySettings(LatencyModel.NONE, Map.of());

    public LatencySettings {
        overrides = Map.copyOf(overrides);
    }

    /**
     * Parses {@code --latency} values: {@code MODEL} sets the default, {@code TARGET=MODEL} overrides it for a
     * service ({@code sso}, {@code sso-oidc}, {@code eks}, {@code ec2}, {@code sts}, {@code organizations}) or an
     * operation ({@code eks:DescribeCluster}).
     */
    public static LatencySettings parse(List<String> specs) {
        LatencyModel defaultModel = LatencyModel.NONE;
        Map<String, LatencyModel> overrides = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                defaultModel = LatencyModel.parse(spec);
                continue;
            }
            String target = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!Api.isService(target) && Api.byId(target).isEmpty()) {
                throw new IllegalArgumentException("unknown latency target '" + spec.substring(0, eq)
                        + "': name a service (eks) or an operation (eks:DescribeCluster)");
            }
            overrides.put(target, LatencyModel.parse(spec.substring(eq + 1)));
        }
        return new LatencySettings(defaultModel, overrides);
    }

    public static LatencySettings of(LatencyModel model) {
        return new LatencySettings(model, Map.of());
    }

    public LatencyModel modelFor(Api api) {
        LatencyModel byOperation = overrides.get(api.id().toLowerCase(Locale.ROOT));
        if (byOperation != null) {
            return byOperation;
        }
        return overrides.getOrDefault(api.service(), defaultModel);
    }
}
