package io.eksfleet.simulator;

import io.eksfleet.simulator.org.OrgFiles;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own endpoint, under {@value #PREFIX} (a path no AWS API uses): call counters, the
 * organisation, fault switches.
 * <pre>
 * GET    /_simulator/health
 * GET    /_simulator/calls     counters by operation, account, region, outcome; retries by operation
 * DELETE /_simulator/calls     resets the counters
 * GET    /_simulator/org       the organisation, in the org file's JSON form
 * GET    /_simulator/faults    the fault switches
 * POST   /_simulator/clusters/create          {"accountId","region","name","version","settleSeconds"}: CREATING, then ACTIVE
 * POST   /_simulator/clusters/update-version  {"accountId","region","name","version","settleSeconds"}: UPDATING, then ACTIVE
 * POST   /_simulator/clusters/delete          {"accountId","region","name","settleSeconds"}: DELETING, then gone
 *                                              each answers with the CloudTrail event (EventBridge envelope) of the call
 * PUT    /_simulator/faults    replaces them: {"throttleRate":0.3,"errorRate":0,"slowRate":0,"slowLatencyMs":0,
 *                              "deniedAccounts":["111111111111"],"deniedRegions":[]}
 * </pre>
 */
final class AdminApi {

    static final String PREFIX = "/_simulator/";

    private final SimulatedAws aws;
    private final CallLog calls;
    private final ClusterLifecycle clusters;

    AdminApi(SimulatedAws aws, CallLog calls, ClusterLifecycle clusters) {
        this.aws = aws;
        this.calls = calls;
        this.clusters = clusters;
    }

    Reply handle(Request request) {
        String route = request.method() + " " + request.path().substring(PREFIX.length());
        return switch (route) {
            case "GET health" -> Reply.json("{\"status\":\"ok\"}");
            case "GET calls" -> Reply.json(Json.write(callsView()));
            case "DELETE calls" -> {
                calls.reset();
                yield Reply.json("{\"reset\":true}");
            }
            case "GET org" -> Reply.json(OrgFiles.toJson(aws.org().org));
            case "GET faults" -> Reply.json(Json.write(faultsView(aws.faults.get())));
            case "POST clusters/create", "POST clusters/update-version", "POST clusters/delete" -> clusterChange(route, request);
            case "PUT faults", "POST faults" -> {
                aws.faults.set(parseFaults(request));
                yield Reply.json(Json.write(faultsView(aws.faults.get())));
            }
            default -> new Reply(404, "application/json", Map.of(),
                    "{\"message\":\"no such simulator endpoint\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), Outcome.ERROR);
        };
    }

    /**
     * {@code {"accountId","region","name","version","settleSeconds"}}: the change, answered with the EventBridge event
     * CloudTrail would deliver for it; 400 with a message for a cluster or account that is not there.
     */
    private Reply clusterChange(String route, Request request) {
        Map<?, ?> body;
        try {
            body = Json.MAPPER.readValue(request.body(), Map.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw badRequest("the body is not a JSON object");
        }
        String account = String.valueOf(body.get("accountId"));
        String region = String.valueOf(body.get("region"));
        String name = String.valueOf(body.get("name"));
        Duration settle = Duration.ofMillis(Math.round(body.get("settleSeconds") instanceof Number n ? n.doubleValue() * 1000 : 10_000));
        try {
            Map<String, Object> event = switch (route) {
                case "POST clusters/create" -> clusters.create(account, region, name,
                        body.get("version") instanceof String v ? v : "1.33", Map.of(), settle);
                case "POST clusters/update-version" -> clusters.updateVersion(account, region, name, String.valueOf(body.get("version")), settle);
                default -> clusters.delete(account, region, name, settle);
            };
            return Reply.json(Json.write(event));
        } catch (IllegalArgumentException e) {
            return new Reply(400, "application/json", Map.of(), Json.write(Map.of("message", e.getMessage()))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), Outcome.ERROR);
        }
    }

    private Map<String, Object> callsView() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", calls.total());
        Map<String, Long> retries = new LinkedHashMap<>();
        calls.retriesByApi().forEach((api, n) -> retries.put(api.id(), n));
        out.put("retries", retries);
        out.put("calls", calls.snapshot().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("api", c.api().id());
            row.put("account", c.account());
            row.put("region", c.region());
            row.put("outcome", c.outcome().label());
            row.put("count", c.count());
            return row;
        }).toList());
        return out;
    }

    static Map<String, Object> faultsView(FaultSettings f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("throttleRate", f.throttleRate());
        out.put("errorRate", f.errorRate());
        out.put("slowRate", f.slowRate());
        out.put("slowLatencyMs", f.slowLatency().toMillis());
        out.put("deniedAccounts", f.deniedAccounts().stream().sorted().toList());
        out.put("deniedRegions", f.deniedRegions().stream().sorted().toList());
        return out;
    }

    private static FaultSettings parseFaults(Request request) {
        Map<?, ?> in;
        try {
            in = Json.MAPPER.readValue(request.body(), Map.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw badRequest("the body is not a JSON object");
        }
        try {
            return new FaultSettings(number(in, "throttleRate"), number(in, "errorRate"), number(in, "slowRate"),
                    Duration.ofMillis((long) number(in, "slowLatencyMs")), strings(in, "deniedAccounts"),
                    strings(in, "deniedRegions"));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static double number(Map<?, ?> in, String name) {
        Object value = in.get(name);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static java.util.Set<String> strings(Map<?, ?> in, String name) {
        Object value = in.get(name);
        java.util.Set<String> out = new HashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static ApiError badRequest(String message) {
        return ApiError.restJson(400, "BadRequest", message == null ? "bad request" : message, Outcome.ERROR);
    }
}
