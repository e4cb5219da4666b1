package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.AccountStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM Identity Center portal API (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/):
 * unsigned calls that carry the SSO access token
 * in {@code x-amz-sso_bearer_token}. One rate budget for the whole organisation.
 */
final class SsoPortalApi {

    private static final Gate.Answers ANSWERS = new Gate.Answers(
            () -> ApiError.portal(429, "TooManyRequestsException", "HTTP 429 Unknown Code", Outcome.THROTTLED),
            unavailable -> ApiError.portal(unavailable ? 503 : 500, "InternalServerException",
                    "An internal error occurred. Try again.", Outcome.ERROR));

    private final SimulatedAws aws;

    SsoPortalApi(SimulatedAws aws) {
        this.aws = aws;
    }

    static boolean serves(Request request) {
        String path = request.path();
        return path.startsWith("/assignment/") || path.equals("/federation/credentials") || path.equals("/logout");
    }

    Reply handle(Call call) {
        Request request = call.request;
        Api api = switch (request.method() + " " + request.path()) {
            case "GET /assignment/accounts" -> Api.SSO_LIST_ACCOUNTS;
            case "GET /assignment/roles" -> Api.SSO_LIST_ACCOUNT_ROLES;
            case "GET /federation/credentials" -> Api.SSO_GET_ROLE_CREDENTIALS;
            case "POST /logout" -> Api.SSO_LOGOUT;
            default -> throw ApiError.portal(404, "ResourceNotFoundException", "Unknown operation", Outcome.ERROR);
        };
        call.attribute(api, request.query("account_id"), aws.org().org.ssoRegion());
        String token = request.header("x-amz-sso_bearer_token");
        if (token == null || token.isEmpty()) {
            throw ApiError.portal(400, "InvalidRequestException", "Missing required header x-amz-sso_bearer_token",
                    Outcome.ERROR);
        }
        if (!aws.sso.accessTokenValid(token)) {
            throw ApiError.portal(401, "UnauthorizedException", "Session token not found or invalid", Outcome.DENIED);
        }
        aws.gate.admit(call, RateBudgets.Family.SSO, ANSWERS);
        return switch (api) {
            case SSO_LIST_ACCOUNTS -> listAccounts(request);
            case SSO_LIST_ACCOUNT_ROLES -> listAccountRoles(request);
            case SSO_GET_ROLE_CREDENTIALS -> getRoleCredentials(request);
            default -> logout(token);
        };
    }

    private Reply listAccounts(Request request) {
        List<Account> visible = aws.org().org.accounts().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE && !a.roles().isEmpty())
                .toList();
        Pages.Page<Account> page = page(visible, "accounts", request);
        List<Map<String, String>> items = page.items().stream()
                .map(a -> Map.of("accountId", a.id(), "accountName", a.name(), "emailAddress", a.email()))
                .toList();
        return Reply.json(Json.write(withToken("accountList", items, page.nextToken())));
    }

    private Reply listAccountRoles(Request request) {
        String accountId = required(request, "account_id");
        Account account = aws.org().account(accountId).orElseThrow(() ->
                ApiError.portal(404, "ResourceNotFoundException", "The requested resource was not found", Outcome.ERROR));
        Pages.Page<String> page = page(account.roles(), "roles/" + accountId, request);
        List<Map<String, String>> items = page.items().stream()
                .map(r -> Map.of("roleName", r, "accountId", accountId))
                .toList();
        return Reply.json(Json.write(withToken("roleList", items, page.nextToken())));
    }

    private Reply getRoleCredentials(Request request) {
        String roleName = required(request, "role_name");
        String accountId = required(request, "account_id");
        Account account = aws.org().account(accountId)
                .filter(a -> a.status() == AccountStatus.ACTIVE && a.hasRole(roleName))
                .orElseThrow(() -> ApiError.portal(403, "ForbiddenException", "No access", Outcome.DENIED));
        var org = aws.org().org;
        String ssoRole = io.eksfleet.simulator.org.Organization.ssoRoleName(account.id(), roleName);
        KeyStore.Principal principal = new KeyStore.Principal(account.id(),
                org.partition().arn("sts", "", account.id(), "assumed-role/" + ssoRole + "/eksfleet-user"),
                "AROA" + Secrets.upper(17) + ":eksfleet-user", roleName, org.ssoRoleArn(account.id(), roleName));
        KeyStore.IssuedKey key = aws.keys.issue(principal, aws.config.roleCredentialTtl());
        Map<String, Object> creds = new LinkedHashMap<>();
        creds.put("accessKeyId", key.accessKeyId());
        creds.put("secretAccessKey", key.secretAccessKey());
        creds.put("sessionToken", key.sessionToken());
        creds.put("expiration", key.expiresAt().toEpochMilli());
        return Reply.json(Json.write(Map.of("roleCredentials", creds)));
    }

    private Reply logout(String token) {
        aws.sso.logout(token);
        return Reply.empty();
    }

    private <T> Pages.Page<T> page(List<T> all, String listId, Request request) {
        Integer size = Pages.size(request.query("max_result"), aws.config.portalPageSize(), 100);
        if (size == null) {
            throw ApiError.portal(400, "InvalidRequestException", "max_result must be between 1 and 100", Outcome.ERROR);
        }
        Pages.Page<T> page = Pages.page(all, listId, request.query("next_token"), size);
        if (page == null) {
            throw ApiError.portal(400, "InvalidRequestException", "Invalid next_token", Outcome.ERROR);
        }
        return page;
    }

    private static Map<String, Object> withToken(String listName, Object items, String nextToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (nextToken != null) {
            body.put("nextToken", nextToken);
        }
        body.put(listName, items);
        return body;
    }

    private static String required(Request request, String name) {
        String value = request.query(name);
        if (value == null || value.isEmpty()) {
            throw ApiError.portal(400, "InvalidRequestException", "Missing required parameter " + name, Outcome.ERROR);
        }
        return value;
    }
}
