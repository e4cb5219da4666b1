package io.eksfleet.simulator;

import java.util.Arrays;
import java.util.Optional;

/** Every AWS operation the simulator serves, named {@code service:Operation} as in IAM policies. */
public enum Api {
    SSO_LIST_ACCOUNTS("sso", "ListAccounts"),
    SSO_LIST_ACCOUNT_ROLES("sso", "ListAccountRoles"),
    SSO_GET_ROLE_CREDENTIALS("sso", "GetRoleCredentials"),
    SSO_LOGOUT("sso", "Logout"),
    OIDC_REGISTER_CLIENT("sso-oidc", "RegisterClient"),
    OIDC_START_DEVICE_AUTHORIZATION("sso-oidc", "StartDeviceAuthorization"),
    OIDC_CREATE_TOKEN("sso-oidc", "CreateToken"),
    EKS_LIST_CLUSTERS("eks", "ListClusters"),
    EKS_DESCRIBE_CLUSTER("eks", "DescribeCluster"),
    EKS_LIST_ACCESS_ENTRIES("eks", "ListAccessEntries"),
    EKS_DESCRIBE_ACCESS_ENTRY("eks", "DescribeAccessEntry"),
    EKS_LIST_ASSOCIATED_ACCESS_POLICIES("eks", "ListAssociatedAccessPolicies"),
    EC2_DESCRIBE_REGIONS("ec2", "DescribeRegions"),
    STS_GET_CALLER_IDENTITY("sts", "GetCallerIdentity"),
    STS_ASSUME_ROLE("sts", "AssumeRole"),
    ORGANIZATIONS_LIST_ACCOUNTS("organizations", "ListAccounts");

    private final String service;
    private final String operation;

    Api(String service, String operation) {
        this.service = service;
        this.operation = operation;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    /** {@code eks:DescribeCluster}. */
    public String id() {
        return service + ":" + operation;
    }

    public static Optional<Api> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equalsIgnoreCase(id)).findFirst();
    }

    public static boolean isService(String service) {
        return Arrays.stream(values()).anyMatch(a -> a.service.equalsIgnoreCase(service));
    }
}
