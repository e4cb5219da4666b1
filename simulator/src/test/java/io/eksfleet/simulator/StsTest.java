package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {

    static Organization org;
    static Account target;
    static Account guarded;
    static Simulator sim;
    static AwsClients aws;

    @BeforeAll
    static void start() throws Exception {
        Organization base = OrgGenerator.generate(3, 2, 6, 8);
        guarded = base.accounts().get(2);
        org = base.withAccount(guarded.id(), a -> new Account(a.id(), a.name(), a.email(), a.status(), a.roles(),
                a.regions(), "ext-123", a.clusters()));
        target = org.accounts().get(0);
        sim = Simulator.start(SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).build());
        aws = new AwsClients(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.limits(RateLimits.UNLIMITED);
        sim.calls().reset();
    }

    @Test
    void hubIdentityAssumesARoleInAMemberAccount() {
        try (StsClient hub = aws.sts(aws.hubCredentials(), ClientOverrideConfiguration.builder().build())) {
            GetCallerIdentityResponse me = hub.getCallerIdentity();
            assertThat(me.account()).isEqualTo(org.managementAccountId());
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + org.managementAccountId() + ":user/eksfleet-hub");

            AssumeRoleResponse assumed = hub.assumeRole(r -> r.roleArn("arn:aws:iam::" + target.id() + ":role/EksFleetReader")
                    .roleSessionName("eksfleet").durationSeconds(900));
            assertThat(assumed.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::" + target.id() + ":assumed-role/EksFleetReader/eksfleet");
            assertThat(assumed.credentials().expiration())
                    .isBetween(Instant.now().plusSeconds(890), Instant.now().plusSeconds(910));

            var creds = StaticCredentialsProvider.create(AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                    assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken()));
            try (StsClient asTarget = aws.sts(creds, ClientOverrideConfiguration.builder().build());
                 EksClient eks = aws.eks(target.regions().get(0), creds)) {
                assertThat(asTarget.getCallerIdentity().account()).isEqualTo(target.id());
                assertThat(eks.listClusters().clusters()).containsExactlyInAnyOrderElementsOf(target.clusters().stream()
                        .filter(c -> c.region().equals(target.regions().get(0))).map(c -> c.name()).toList());
            }
        }
        assertThat(sim.calls().count(c -> c.api() == Api.STS_ASSUME_ROLE && c.account().equals(org.managementAccountId())))
                .isEqualTo(1);
    }

    @Test
    void missingRoleOrExternalIdIsAccessDenied() {
        try (StsClient hub = aws.sts(aws.hubCredentials(), ClientOverrideConfiguration.builder().build())) {
            assertThatThrownBy(() -> hub.assumeRole(r -> r.roleArn("arn:aws:iam::" + target.id() + ":role/Nope").roleSessionName("s")
                    .roleSessionName("sess"))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("is not authorized to perform: sts:AssumeRole on resource");
                    });
            String guardedRole = "arn:aws:iam::" + guarded.id() + ":role/EksFleetReader";
            assertThatThrownBy(() -> hub.assumeRole(r -> r.roleArn(guardedRole).roleSessionName("sess")))
                    .isInstanceOf(StsException.class);
            assertThat(hub.assumeRole(r -> r.roleArn(guardedRole).roleSessionName("sess").externalId("ext-123"))
                    .credentials()).isNotNull();
            assertThatThrownBy(() -> hub.assumeRole(r -> r.roleArn(guardedRole).roleSessionName("sess").durationSeconds(60)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
        assertThat(sim.calls().retries(Api.STS_ASSUME_ROLE)).isZero();
    }

    @Test
    void throttlingIsRateExceededAndUnknownKeysAreInvalid() {
        sim.limits(RateLimits.UNLIMITED.withStsRps(3));
        try (StsClient hub = aws.sts(aws.hubCredentials(), AwsClients.noRetries())) {
            int throttled = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    hub.getCallerIdentity();
                } catch (StsException e) {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(e.isThrottlingException()).isTrue();
                    throttled++;
                }
            }
            assertThat(throttled).isBetween(2, 3);
        }
        var unknown = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", "nope"));
        try (StsClient sts = aws.sts(unknown, AwsClients.noRetries())) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void expiredAssumedCredentialsAreExpiredToken() throws Exception {
        try (Simulator shortLived = Simulator.start(SimulatorConfig.builder().org(org).roleCredentialTtl(Duration.ofSeconds(1)).build())) {
            AwsClients clients = new AwsClients(shortLived);
            try (StsClient hub = clients.sts(clients.hubCredentials(), AwsClients.noRetries())) {
                var c = hub.assumeRole(r -> r.roleArn("arn:aws:iam::" + target.id() + ":role/EksFleetReader")
                        .roleSessionName("s1")).credentials();
                var creds = StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken()));
                try (StsClient asTarget = clients.sts(creds, AwsClients.noRetries())) {
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                            assertThatThrownBy(asTarget::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken")));
                }
            }
        }
    }
}
