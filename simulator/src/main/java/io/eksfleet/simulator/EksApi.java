package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.Cluster;
import io.eksfleet.simulator.org.Partition;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EKS ListClusters, DescribeCluster and the access-entry reads ({@link AccessEntriesApi}), REST with JSON bodies as the EKS API reference describes them
 * (https://docs.aws.amazon.com/eks/latest/APIReference/). The account is the caller's; the region is the
 * SigV4 scope's. Throttled reads get 429 {@code TooManyRequestsException}, as real EKS sends them.
 */
final class EksApi {

    private static final Gate.Answers ANSWERS = new Gate.Answers(
            () -> ApiError.restJson(429, "TooManyRequestsException", "Too Many Requests", Outcome.THROTTLED),
            unavailable -> unavailable
                    ? ApiError.restJson(503, "ServiceUnavailableException", "Service Unavailable", Outcome.ERROR)
                    : ApiError.restJson(500, "ServerException", "Internal Server Error", Outcome.ERROR));

    private static final SignedCaller.Rejections REJECTIONS = new SignedCaller.Rejections(
            () -> ApiError.restJson(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid", Outcome.DENIED),
            () -> ApiError.restJson(403, "ExpiredTokenException",
                    "The security token included in the request is expired", Outcome.DENIED));

    private final SimulatedAws aws;

    EksApi(SimulatedAws aws) {
        this.aws = aws;
    }

    Reply handle(Call call, SignedCaller.Scope scope) {
        Request request = call.request;
        EksRoute route = EksRoute.of(request);
        call.attribute(route.api(), null, scope.region());
        SignedCaller.RegionalCaller regional = SignedCaller.regional(aws, call, scope, REJECTIONS);
        KeyStore.Principal caller = regional.principal();
        Account account = regional.account();
        aws.gate.admit(call, RateBudgets.Family.EKS, ANSWERS);
        Partition partition = aws.org().org.partition();
        if (aws.gate.faults().denies(account.id(), scope.region())) {
            String resource = partition.arn("eks", scope.region(), account.id(), "cluster/"
                    + (route.api() == Api.EKS_LIST_CLUSTERS ? "*" : route.clusterName()));
            throw ApiError.restJson(403, "AccessDeniedException", "User: " + caller.arn()
                    + " is not authorized to perform: " + route.api().id() + " on resource: " + resource, Outcome.DENIED);
        }
        List<Cluster> clusters = aws.org().clusters(account.id(), scope.region());
        if (route.api() == Api.EKS_LIST_CLUSTERS) {
            return listClusters(request, account, scope.region(), clusters);
        }
        Cluster cluster = clusters.stream().filter(c -> c.name().equals(route.clusterName())).findFirst()
                .orElseThrow(() -> ApiError.restJson(404, "ResourceNotFoundException",
                        "No cluster found for name: " + route.clusterName() + ".", Outcome.ERROR));
        return route.api() == Api.EKS_DESCRIBE_CLUSTER
                ? describeCluster(account, cluster, partition)
                : new AccessEntriesApi(partition, account, cluster).answer(route, request);
    }

    private Reply listClusters(Request request, Account account, String region, List<Cluster> clusters) {
        Integer size = Pages.size(request.query("maxResults"), 100, 100);
        if (size == null) {
            throw ApiError.restJson(400, "InvalidParameterException", "maxResults must be between 1 and 100", Outcome.ERROR);
        }
        String include = request.query("include");
        if (include != null && !include.equals("all")) {
            throw ApiError.restJson(400, "InvalidParameterException", "include must be 'all'", Outcome.ERROR);
        }
        Pages.Page<Cluster> page = Pages.page(clusters, "eks/" + account.id() + "/" + region, request.query("nextToken"), size);
        if (page == null) {
            throw ApiError.restJson(400, "InvalidParameterException", "The nextToken is invalid", Outcome.ERROR);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clusters", page.items().stream().map(Cluster::name).toList());
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return Reply.json(Json.write(body));
    }

    private Reply describeCluster(Account account, Cluster cluster, Partition partition) {
        byte[] body = aws.org().description(cluster.arn(partition, account.id()),
                () -> Json.write(Map.of("cluster", describe(partition, account, cluster, aws.endpoints)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Reply(200, "application/json", Map.of(), body, Outcome.OK);
    }

    /**
     * The Cluster shape of DescribeCluster, with the members a real cluster carries; where the simulated
     * Kubernetes API runs, its endpoint and CA stand in for the modelled ones.
     */
    private static Map<String, Object> describe(Partition partition, Account account, Cluster c, SimulatedAws.ClusterEndpoints served) {
        String region = c.region();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("arn", c.arn(partition, account.id()));
        // createdAt is epoch seconds with a fractional millisecond part, as EKS sends it and the SDK parses it.
        out.put("createdAt", BigDecimal.valueOf(c.createdAt().toEpochMilli()).movePointLeft(3));
        out.put("version", c.version());
        if (c.endpoint() != null) {
            out.put("endpoint", served == null ? c.endpoint() : served.endpoint(OrgIndex.endpointId(c)));
        }
        out.put("roleArn", partition.arn("iam", "", account.id(), "role/eks-cluster-" + c.name()));
        out.put("resourcesVpcConfig", Map.of(
                "subnetIds", List.of("subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"),
                "securityGroupIds", List.of(),
                "clusterSecurityGroupId", "sg-0c3d4e5f607182930",
                "vpcId", "vpc-0d4e5f60718293a4b",
                "endpointPublicAccess", true,
                "endpointPrivateAccess", true,
                "publicAccessCidrs", List.of("0.0.0.0/0")));
        out.put("kubernetesNetworkConfig", Map.of("serviceIpv4Cidr", "172.20.0.0/16", "ipFamily", "ipv4"));
        out.put("logging", Map.of("clusterLogging", List.of(Map.of("types",
                List.of("api", "audit", "authenticator", "controllerManager", "scheduler"), "enabled", false))));
        if (c.endpoint() != null) {
            String id = OrgIndex.endpointId(c);
            out.put("identity", Map.of("oidc", Map.of("issuer", "https://oidc.eks." + region + "." + partition.dnsSuffix() + "/id/" + id)));
        }
        out.put("status", c.status().name());
        if (c.certificateAuthorityData() != null) {
            out.put("certificateAuthority", Map.of("data", served == null ? c.certificateAuthorityData() : served.authorityData()));
        } else {
            out.put("certificateAuthority", Map.of());
        }
        out.put("platformVersion", c.platformVersion());
        out.put("tags", c.tags());
        out.put("health", Map.of("issues", List.of()));
        // The cluster creator's admin entry is not modelled, but every generated cluster was created with it.
        out.put("accessConfig", Map.of("bootstrapClusterCreatorAdminPermissions", true,
                "authenticationMode", c.authenticationMode().name()));
        out.put("upgradePolicy", Map.of("supportType", "EXTENDED"));
        return out;
    }
}
