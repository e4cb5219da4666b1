package io.eksfleet.simulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksAsyncClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sso.SsoAsyncClient;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real AWS SDK clients pointed at a simulator: sync ones on the Apache client, async ones on Netty, the
 * SDK's default retry behaviour unless a test asks for none.
 */
final class AwsClients {

    private final Simulator sim;
    private final URI endpoint;

    AwsClients(Simulator sim) {
        this.sim = sim;
        this.endpoint = sim.endpoint();
    }

    static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    SsoClient sso() {
        return SsoClient.builder().endpointOverride(endpoint).region(Region.of(sim.org().ssoRegion()))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    SsoAsyncClient ssoAsync() {
        return SsoAsyncClient.builder().endpointOverride(endpoint).region(Region.of(sim.org().ssoRegion()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }

    SsoOidcClient oidc() {
        return SsoOidcClient.builder().endpointOverride(endpoint).region(Region.of(sim.org().ssoRegion()))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** Role credentials for the account, through the portal, as a person's eksfleet gets them. */
    AwsCredentialsProvider roleCredentials(String accountId, String roleName) {
        try (SsoClient sso = sso()) {
            RoleCredentials rc = sso.getRoleCredentials(r -> r.accessToken(sim.issueAccessToken())
                    .accountId(accountId).roleName(roleName)).roleCredentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(rc.accessKeyId(), rc.secretAccessKey(),
                    rc.sessionToken()));
        }
    }

    AwsCredentialsProvider hubCredentials() {
        var hub = sim.org().hub();
        return StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(hub.accessKeyId(), hub.secretAccessKey()));
    }

    EksClient eks(String region, AwsCredentialsProvider credentials) {
        return eks(region, credentials, ClientOverrideConfiguration.builder().build());
    }

    EksClient eks(String region, AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
        return EksClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(override).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    EksAsyncClient eksAsync(String region, AwsCredentialsProvider credentials) {
        return EksAsyncClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }

    Ec2Client ec2(String region, AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
        return Ec2Client.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(override).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    StsClient sts(AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .overrideConfiguration(override).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    OrganizationsClient organizations(AwsCredentialsProvider credentials) {
        return OrganizationsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
