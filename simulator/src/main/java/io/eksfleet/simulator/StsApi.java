package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.AccountStatus;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS GetCallerIdentity and AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/):
 * query protocol, XML answers, throttling as
 * 400 {@code Throttling} "Rate exceeded" from a budget per calling account. Any principal the simulator
 * knows may assume any role that exists in an active account of the organisation (trust policies are not
 * modelled); an account with an {@code externalId} requires it.
 */
final class StsApi {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role/(?:.*/)?([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final Gate.Answers ANSWERS = new Gate.Answers(
            () -> ApiError.query(400, "Throttling", "Rate exceeded", Outcome.THROTTLED),
            unavailable -> unavailable
                    ? ApiError.query(503, "ServiceUnavailable", "Service is unable to handle request.", Outcome.ERROR)
                    : ApiError.query(500, "InternalFailure", "An internal error occurred.", Outcome.ERROR));

    private static final SignedCaller.Rejections REJECTIONS = new SignedCaller.Rejections(
            () -> ApiError.query(403, "InvalidClientTokenId", "The security token included in the request is invalid.",
                    Outcome.DENIED),
            () -> ApiError.query(400, "ExpiredToken", "The security token included in the request is expired",
                    Outcome.DENIED));

    private final SimulatedAws aws;

    StsApi(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply handle(Call call, SignedCaller.Scope scope) {
        Request request = call.request;
        String action = request.form("Action");
        Api api = switch (action == null ? "" : action) {
            case "GetCallerIdentity" -> Api.STS_GET_CALLER_IDENTITY;
            case "AssumeRole" -> Api.STS_ASSUME_ROLE;
            default -> throw ApiError.query(400, "InvalidAction", "Could not find operation " + action
                    + " for version 2011-06-15", Outcome.ERROR);
        };
        call.attribute(api, null, scope.region());
        KeyStore.Principal caller = SignedCaller.authenticate(aws, request, scope, REJECTIONS);
        call.account = caller.accountId();
        aws.gate.admit(call, RateBudgets.Family.STS, ANSWERS);
        return api == Api.STS_GET_CALLER_IDENTITY ? callerIdentity(caller) : assumeRole(request, caller);
    }

    private Reply callerIdentity(KeyStore.Principal caller) {
        return Reply.xml("<GetCallerIdentityResponse xmlns=\"" + NS + "\">\n  <GetCallerIdentityResult>\n    <Arn>"
                + Xml.escape(caller.arn()) + "</Arn>\n    <UserId>" + Xml.escape(caller.userId()) + "</UserId>\n    <Account>"
                + caller.accountId() + "</Account>\n  </GetCallerIdentityResult>\n" + metadata()
                + "</GetCallerIdentityResponse>\n");
    }

    private Reply assumeRole(Request request, KeyStore.Principal caller) {
        String roleArn = request.form("RoleArn");
        String sessionName = request.form("RoleSessionName");
        if (roleArn == null || roleArn.length() < 20) {
            throw validation("roleArn", roleArn, "Member must have length greater than or equal to 20");
        }
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw validation("roleSessionName", sessionName, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        Duration requested = Duration.ofSeconds(3600);
        String durationText = request.form("DurationSeconds");
        if (durationText != null) {
            long seconds;
            try {
                seconds = Long.parseLong(durationText);
            } catch (NumberFormatException e) {
                throw validation("durationSeconds", durationText, "Member must be a number");
            }
            if (seconds < 900 || seconds > 43200) {
                throw validation("durationSeconds", durationText,
                        "Member must have value " + (seconds < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
            }
            requested = Duration.ofSeconds(seconds);
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        var org = aws.org().org;
        // A role of another partition is not there to assume, as in AWS.
        boolean here = m.matches() && m.group(1).equals(org.partition().id());
        Account target = here ? aws.org().account(m.group(2)).orElse(null) : null;
        String roleName = here ? m.group(3) : null;
        boolean allowed = target != null && target.status() == AccountStatus.ACTIVE && target.hasRole(roleName)
                && (target.externalId() == null || target.externalId().equals(request.form("ExternalId")));
        if (!allowed) {
            throw ApiError.query(403, "AccessDenied", "User: " + caller.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn, Outcome.DENIED);
        }
        String roleId = "AROA" + Secrets.upper(17);
        KeyStore.Principal assumed = new KeyStore.Principal(target.id(),
                org.partition().arn("sts", "", target.id(), "assumed-role/" + roleName + "/" + sessionName), roleId + ":" + sessionName,
                roleName, org.roleArn(target.id(), roleName));
        Duration ttl = requested.compareTo(aws.config.roleCredentialTtl()) < 0 ? requested : aws.config.roleCredentialTtl();
        KeyStore.IssuedKey key = aws.keys.issue(assumed, ttl);
        return Reply.xml("<AssumeRoleResponse xmlns=\"" + NS + "\">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n"
                + "      <AssumedRoleId>" + Xml.escape(assumed.userId()) + "</AssumedRoleId>\n"
                + "      <Arn>" + Xml.escape(assumed.arn()) + "</Arn>\n    </AssumedRoleUser>\n    <Credentials>\n"
                + "      <AccessKeyId>" + key.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + Xml.escape(key.secretAccessKey()) + "</SecretAccessKey>\n"
                + "      <SessionToken>" + Xml.escape(key.sessionToken()) + "</SessionToken>\n"
                + "      <Expiration>" + key.expiresAt() + "</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n"
                + metadata() + "</AssumeRoleResponse>\n");
    }

    private static String metadata() {
        return "  <ResponseMetadata>\n    <RequestId>" + ApiError.requestId() + "</RequestId>\n  </ResponseMetadata>\n";
    }

    private static ApiError validation(String member, String value, String constraint) {
        return ApiError.query(400, "ValidationError", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint, Outcome.ERROR);
    }
}
