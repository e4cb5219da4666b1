package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Partition;
import io.eksfleet.simulator.org.Regions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2 DescribeRegions in the EC2 query protocol: form-encoded request, XML answer without a Result wrapper,
 * throttling as 503 {@code RequestLimitExceeded} from a bucket per account and region.
 */
final class Ec2Api {

    private static final Gate.Answers ANSWERS = new Gate.Answers(
            () -> ApiError.ec2(503, "RequestLimitExceeded", "Request limit exceeded.", Outcome.THROTTLED),
            unavailable -> unavailable
                    ? ApiError.ec2(503, "Unavailable", "The server is overloaded and can't handle the request.", Outcome.ERROR)
                    : ApiError.ec2(500, "InternalError", "An internal error has occurred.", Outcome.ERROR));

    private static final SignedCaller.Rejections REJECTIONS = new SignedCaller.Rejections(
            () -> ApiError.ec2(401, "AuthFailure", "AWS was not able to validate the provided access credentials",
                    Outcome.DENIED),
            () -> ApiError.ec2(400, "RequestExpired", "Request has expired.", Outcome.DENIED));

    private final SimulatedAws aws;

    Ec2Api(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply handle(Call call, SignedCaller.Scope scope) {
        Request request = call.request;
        String action = request.form("Action");
        if (!"DescribeRegions".equals(action)) {
            throw ApiError.ec2(400, "InvalidAction", "The action " + action + " is not valid for this web service.", Outcome.ERROR);
        }
        call.attribute(Api.EC2_DESCRIBE_REGIONS, null, scope.region());
        SignedCaller.RegionalCaller regional = SignedCaller.regional(aws, call, scope, REJECTIONS);
        KeyStore.Principal caller = regional.principal();
        Account account = regional.account();
        aws.gate.admit(call, RateBudgets.Family.EC2, ANSWERS);
        if (aws.gate.faults().denies(account.id(), scope.region())) {
            throw ApiError.ec2(403, "UnauthorizedOperation", "You are not authorized to perform this operation. User: "
                    + caller.arn() + " is not authorized to perform: ec2:DescribeRegions because no identity-based policy"
                    + " allows the ec2:DescribeRegions action", Outcome.DENIED);
        }
        return describeRegions(request.formParams(), account, aws.org().org.partition());
    }

    /** The regions of the organisation's partition: a region of another partition is as unknown as a made-up one. */
    private Reply describeRegions(Map<String, String> params, Account account, Partition partition) {
        boolean allRegions = "true".equalsIgnoreCase(params.get("AllRegions"));
        List<String> named = Request.indexed(params, "RegionName");
        for (String name : named) {
            if (!partition.has(name)) {
                throw ApiError.ec2(400, "InvalidParameterValue", "Invalid region name: " + name, Outcome.ERROR);
            }
        }
        Predicate<RegionRow> filter = filters(params);
        StringBuilder xml = new StringBuilder(4096)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n")
                .append("    <requestId>").append(ApiError.requestId()).append("</requestId>\n")
                .append("    <regionInfo>\n");
        for (String region : partition.regions()) {
            RegionRow row = new RegionRow(region, "ec2." + region + "." + partition.dnsSuffix(), optInStatus(account, region));
            boolean listed = named.isEmpty() ? allRegions || account.regionEnabled(region) : named.contains(region);
            if (listed && filter.test(row)) {
                xml.append("        <item>\n")
                        .append("            <regionName>").append(row.name).append("</regionName>\n")
                        .append("            <regionEndpoint>").append(row.endpoint).append("</regionEndpoint>\n")
                        .append("            <optInStatus>").append(row.optInStatus).append("</optInStatus>\n")
                        .append("        </item>\n");
            }
        }
        xml.append("    </regionInfo>\n</DescribeRegionsResponse>\n");
        return Reply.xml(xml.toString());
    }

    /**
     * An account's region that is not enabled reads {@code not-opted-in}; for a default region that is a
     * simplification (in AWS those are always enabled), which lets an organisation model fewer regions.
     */
    private static String optInStatus(Account account, String region) {
        if (!account.regionEnabled(region)) {
            return "not-opted-in";
        }
        return Regions.requiresOptIn(region).orElse(false) ? "opted-in" : "opt-in-not-required";
    }

    private record RegionRow(String name, String endpoint, String optInStatus) {
    }

    private static Predicate<RegionRow> filters(Map<String, String> params) {
        List<Predicate<RegionRow>> all = new ArrayList<>();
        for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
            String name = params.get("Filter." + i + ".Name");
            List<Pattern> values = Request.indexed(params, "Filter." + i + ".Value").stream().map(Ec2Api::glob).toList();
            java.util.function.Function<RegionRow, String> field = switch (name) {
                case "region-name" -> RegionRow::name;
                case "endpoint" -> RegionRow::endpoint;
                case "opt-in-status" -> RegionRow::optInStatus;
                default -> throw ApiError.ec2(400, "InvalidParameterValue", "The filter '" + name + "' is invalid", Outcome.ERROR);
            };
            all.add(row -> values.stream().anyMatch(p -> p.matcher(field.apply(row)).matches()));
        }
        return row -> all.stream().allMatch(p -> p.test(row));
    }

    /** EC2 filter values take {@code *} and {@code ?} wildcards. */
    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
