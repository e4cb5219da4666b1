package io.eksfleet.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IAM Identity Center OIDC (https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/):
 * client registration and the device-authorisation grant
 * that {@code aws sso login --use-device-code} and {@code eksfleet login} run, plus the refresh-token grant.
 * The device counts as approved by the user after {@link SimulatorConfig#deviceApprovalPolls()} polls.
 */
final class SsoOidcApi {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final Duration DEVICE_LIFETIME = Duration.ofMinutes(10);

    private final SimulatedAws aws;

    SsoOidcApi(SimulatedAws aws) {
        this.aws = aws;
    }

    static boolean serves(Request request) {
        String path = request.path();
        return path.equals("/client/register") || path.equals("/device_authorization") || path.equals("/token");
    }

    Reply handle(Call call) {
        Request request = call.request;
        Api api = switch (request.path()) {
            case "/client/register" -> Api.OIDC_REGISTER_CLIENT;
            case "/device_authorization" -> Api.OIDC_START_DEVICE_AUTHORIZATION;
            default -> Api.OIDC_CREATE_TOKEN;
        };
        call.attribute(api, null, aws.org().org.ssoRegion());
        if (!request.method().equals("POST")) {
            throw invalidRequest("Use POST");
        }
        Map<String, Object> body = body(request);
        return switch (api) {
            case OIDC_REGISTER_CLIENT -> registerClient(body);
            case OIDC_START_DEVICE_AUTHORIZATION -> startDeviceAuthorization(body);
            default -> createToken(body);
        };
    }

    private Reply registerClient(Map<String, Object> body) {
        required(body, "clientName");
        if (!"public".equals(required(body, "clientType"))) {
            throw invalidRequest("Invalid client type: only public clients are supported");
        }
        SsoSessions.Client client = aws.sso.register();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", client.clientId());
        out.put("clientSecret", client.clientSecret());
        out.put("clientIdIssuedAt", aws.clock.instant().getEpochSecond());
        out.put("clientSecretExpiresAt", client.secretExpiresAt().getEpochSecond());
        return Reply.json(Json.write(out));
    }

    private Reply startDeviceAuthorization(Map<String, Object> body) {
        SsoSessions.Client client = client(body);
        String startUrl = required(body, "startUrl");
        if (!startUrl.equals(aws.org().org.ssoStartUrl())) {
            throw invalidRequest("Invalid start URL");
        }
        SsoSessions.Device device = aws.sso.startDevice(client.clientId(), DEVICE_LIFETIME);
        String userCode = Secrets.upper(4) + "-" + Secrets.upper(4);
        String uri = "https://device.sso." + aws.org().org.ssoRegion() + "." + aws.org().org.partition().dnsSuffix() + "/";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceCode", device.deviceCode);
        out.put("userCode", userCode);
        out.put("verificationUri", uri);
        out.put("verificationUriComplete", uri + "?user_code=" + userCode);
        out.put("expiresIn", DEVICE_LIFETIME.toSeconds());
        out.put("interval", Math.max(1, aws.config.devicePollInterval().toSeconds()));
        return Reply.json(Json.write(out));
    }

    private Reply createToken(Map<String, Object> body) {
        SsoSessions.Client client = client(body);
        String grantType = required(body, "grantType");
        SsoSessions.Tokens tokens;
        if (grantType.equals(DEVICE_GRANT)) {
            tokens = redeemDevice(client, (String) body.get("deviceCode"));
        } else if (grantType.equals("refresh_token")) {
            tokens = aws.sso.refresh(client.clientId(), (String) body.get("refreshToken"), aws.config.accessTokenTtl())
                    .orElseThrow(() -> ApiError.oidc(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided"));
        } else {
            throw ApiError.oidc(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                    "Unsupported grant type: " + grantType);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", tokens.accessToken());
        out.put("tokenType", "Bearer");
        out.put("expiresIn", aws.config.accessTokenTtl().toSeconds());
        out.put("refreshToken", tokens.refreshToken());
        return Reply.json(Json.write(out));
    }

    private SsoSessions.Tokens redeemDevice(SsoSessions.Client client, String deviceCode) {
        SsoSessions.Device device = aws.sso.device(deviceCode)
                .filter(d -> d.clientId.equals(client.clientId()))
                .orElseThrow(() -> ApiError.oidc(400, "InvalidGrantException", "invalid_grant", "Invalid device code provided"));
        synchronized (device) {
            if (device.redeemed) {
                throw ApiError.oidc(400, "InvalidGrantException", "invalid_grant", "Device code has already been used");
            }
            if (!aws.clock.instant().isBefore(device.expiresAt)) {
                throw ApiError.oidc(400, "ExpiredTokenException", "expired_token", "Device code has expired");
            }
            long now = System.nanoTime();
            long interval = aws.config.devicePollInterval().toNanos();
            boolean tooSoon = device.polls > 0 && interval > 0 && now - device.lastPollNanos < interval;
            device.lastPollNanos = now;
            if (tooSoon) {
                throw ApiError.oidc(400, "SlowDownException", "slow_down", "Client is polling too quickly");
            }
            if (device.polls++ < aws.config.deviceApprovalPolls()) {
                throw ApiError.oidc(400, "AuthorizationPendingException", "authorization_pending",
                        "Authorization is still pending");
            }
            device.redeemed = true;
        }
        return aws.sso.issue(client.clientId(), aws.config.accessTokenTtl());
    }

    private SsoSessions.Client client(Map<String, Object> body) {
        return aws.sso.authenticate((String) body.get("clientId"), (String) body.get("clientSecret"))
                .orElseThrow(() -> ApiError.oidc(401, "InvalidClientException", "invalid_client", "Invalid client provided"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Request request) {
        try {
            Object parsed = Json.MAPPER.readValue(request.body(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (tools.jackson.core.JacksonException e) {
            // answered below
        }
        throw invalidRequest("The request body is not a JSON object");
    }

    private static String required(Map<String, Object> body, String name) {
        if (body.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw invalidRequest(name + " is required");
    }

    private static ApiError invalidRequest(String description) {
        return ApiError.oidc(400, "InvalidRequestException", "invalid_request", description);
    }
}
