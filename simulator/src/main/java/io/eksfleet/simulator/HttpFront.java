package io.eksfleet.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Routes each request to its service, records it, and sends the answer after the configured latency. The
 * wait is a scheduled task, not a parked thread, so thousands of calls can be waiting at once.
 */
final class HttpFront {

    private final SimulatedAws aws;
    private final CallLog calls;
    private final ScheduledExecutorService delayer;
    private final SsoPortalApi portal;
    private final SsoOidcApi oidc;
    private final EksApi eks;
    private final Ec2Api ec2;
    private final StsApi sts;
    private final OrganizationsApi organizations;
    private final AdminApi admin;
    private volatile LatencySettings latency;

    HttpFront(SimulatedAws aws, CallLog calls, ScheduledExecutorService delayer, ClusterLifecycle lifecycle) {
        this.aws = aws;
        this.calls = calls;
        this.delayer = delayer;
        this.latency = aws.config.latency();
        this.portal = new SsoPortalApi(aws);
        this.oidc = new SsoOidcApi(aws);
        this.eks = new EksApi(aws);
        this.ec2 = new Ec2Api(aws);
        this.sts = new StsApi(aws);
        this.organizations = new OrganizationsApi(aws);
        this.admin = new AdminApi(aws, calls, lifecycle);
    }

    void latency(LatencySettings settings) {
        this.latency = settings;
    }

    void handle(HttpExchange exchange) {
        try {
            Request request = Request.read(exchange);
            if (request.path().startsWith(AdminApi.PREFIX)) {
                send(exchange, answer(() -> admin.handle(request)));
                return;
            }
            Call call = new Call(request);
            Reply reply = answer(() -> route(call));
            if (call.api == null) {
                send(exchange, reply);
                return;
            }
            calls.record(call.api, call.account, call.region, reply.outcome(), request.attempt());
            long delay = delayNanos(call.api);
            if (delay <= 0) {
                send(exchange, reply);
            } else {
                delayer.schedule(() -> send(exchange, reply), delay, TimeUnit.NANOSECONDS);
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private long delayNanos(Api api) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long delay = latency.modelFor(api).sampleNanos(random);
        FaultSettings f = aws.faults.get();
        if (f.slowRate() > 0 && random.nextDouble() < f.slowRate()) {
            delay += f.slowLatency().toNanos();
        }
        return delay;
    }

    private Reply route(Call call) {
        Request request = call.request;
        SignedCaller.Scope scope = SignedCaller.scope(request);
        if (scope != null) {
            return switch (scope.service()) {
                case "eks" -> eks.handle(call, scope);
                case "ec2" -> ec2.handle(call, scope);
                case "sts" -> sts.handle(call, scope);
                case "organizations" -> organizations.handle(call, scope);
                default -> throw ApiError.restJson(400, "UnknownServiceException",
                        "The simulator does not serve " + scope.service(), Outcome.ERROR);
            };
        }
        if (SsoPortalApi.serves(request)) {
            return portal.handle(call);
        }
        if (SsoOidcApi.serves(request)) {
            return oidc.handle(call);
        }
        if (request.header("Authorization") != null) {
            throw ApiError.restJson(400, "IncompleteSignatureException",
                    "Authorization header requires a Credential parameter of the form KEY/DATE/REGION/SERVICE/aws4_request",
                    Outcome.DENIED);
        }
        throw ApiError.restJson(403, "MissingAuthenticationTokenException", "Missing Authentication Token", Outcome.DENIED);
    }

    private static Reply answer(java.util.function.Supplier<Reply> service) {
        try {
            return service.get();
        } catch (ApiError e) {
            return e.reply();
        } catch (RuntimeException e) {
            return ApiError.restJson(500, "InternalFailure", "simulator error: " + e.getClass().getSimpleName(),
                    Outcome.ERROR).reply();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", reply.contentType());
            headers.set("x-amzn-RequestId", ApiError.requestId());
            reply.headers().forEach(headers::set);
            byte[] body = reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }
}
