package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Organization;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Organizations ListAccounts, for hub-mode account discovery: JSON 1.1 ({@code X-Amz-Target:
 * AWSOrganizationsV20161128.ListAccounts}), pages of at most 20, callable only from the management account.
 */
final class OrganizationsApi {

    private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";

    private static final Gate.Answers ANSWERS = new Gate.Answers(
            () -> ApiError.json11(400, "TooManyRequestsException",
                    "You have sent too many requests in too short a period of time. The quota helps protect against "
                            + "denial-of-service attacks. Try again later.", Outcome.THROTTLED),
            unavailable -> ApiError.json11(500, "ServiceException",
                    "AWS Organizations can't complete your request because of an internal service error. Try again later.",
                    Outcome.ERROR));

    private static final SignedCaller.Rejections REJECTIONS = new SignedCaller.Rejections(
            () -> ApiError.json11(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid.", Outcome.DENIED),
            () -> ApiError.json11(400, "ExpiredTokenException",
                    "The security token included in the request is expired", Outcome.DENIED));

    private final SimulatedAws aws;

    OrganizationsApi(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply handle(Call call, SignedCaller.Scope scope) {
        Request request = call.request;
        if (!TARGET.equals(request.header("X-Amz-Target"))) {
            throw ApiError.json11(400, "UnknownOperationException", "Unknown operation " + request.header("X-Amz-Target"),
                    Outcome.ERROR);
        }
        call.attribute(Api.ORGANIZATIONS_LIST_ACCOUNTS, null, scope.region());
        KeyStore.Principal caller = SignedCaller.authenticate(aws, request, scope, REJECTIONS);
        call.account = caller.accountId();
        aws.gate.admit(call, RateBudgets.Family.ORGANIZATIONS, ANSWERS);
        Organization org = aws.org().org;
        if (!aws.org().isManagementAccount(caller.accountId())) {
            throw ApiError.json11(400, "AccessDeniedException", "You don't have permissions to access this resource.",
                    Outcome.DENIED);
        }
        Map<String, Object> input = input(request);
        Integer size = Pages.size(input.get("MaxResults") == null ? null : String.valueOf(input.get("MaxResults")), 20, 20);
        if (size == null) {
            throw invalidInput("MaxResults must be between 1 and 20");
        }
        Pages.Page<Account> page = Pages.page(org.accounts(), "organizations", (String) input.get("NextToken"), size);
        if (page == null) {
            throw invalidInput("You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.");
        }
        List<Map<String, Object>> accounts = page.items().stream().map(a -> describe(org, a)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Accounts", accounts);
        if (page.nextToken() != null) {
            body.put("NextToken", page.nextToken());
        }
        Reply json = Reply.json(Json.write(body));
        return new Reply(json.status(), "application/x-amz-json-1.1", json.headers(), json.body(), json.outcome());
    }

    private static Map<String, Object> describe(Organization org, Account a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", a.id());
        out.put("Arn", org.partition().arn("organizations", "", org.managementAccountId(),
                "account/" + org.organizationId() + "/" + a.id()));
        out.put("Email", a.email());
        out.put("Name", a.name());
        out.put("Status", a.status().name());
        out.put("State", a.status().name());
        out.put("JoinedMethod", "CREATED");
        long joined = a.clusters().stream().mapToLong(c -> c.createdAt().toEpochMilli()).min().orElse(1546300800000L);
        out.put("JoinedTimestamp", BigDecimal.valueOf(joined).movePointLeft(3));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Request request) {
        if (request.body().length == 0) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(request.body(), Map.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw invalidInput("The request body is not valid JSON");
        }
    }

    private static ApiError invalidInput(String message) {
        return ApiError.json11(400, "InvalidInputException", message, Outcome.ERROR);
    }
}
