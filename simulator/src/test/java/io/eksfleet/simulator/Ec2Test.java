package io.eksfleet.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksfleet.simulator.org.Account;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import io.eksfleet.simulator.org.Regions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Region;

class Ec2Test {

    static Organization org;
    static Account account;
    static Simulator sim;
    static AwsClients aws;
    static AwsCredentialsProvider credentials;

    @BeforeAll
    static void start() throws Exception {
        org = OrgGenerator.generate(2, 18, 0, 3);
        account = org.accounts().get(0);
        sim = Simulator.start(SimulatorConfig.builder().org(org).limits(RateLimits.UNLIMITED).build());
        aws = new AwsClients(sim);
        credentials = aws.roleCredentials(account.id(), "ReadOnly");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.limits(RateLimits.UNLIMITED);
        sim.updateFaults(f -> FaultSettings.NONE);
        sim.calls().reset();
    }

    @Test
    void withoutAllRegionsOnlyTheEnabledOnes() {
        try (Ec2Client ec2 = client()) {
            List<Region> regions = ec2.describeRegions().regions();
            assertThat(regions).extracting(Region::regionName).containsExactlyInAnyOrderElementsOf(account.regions());
            assertThat(regions).filteredOn(r -> r.regionName().equals("us-east-1")).singleElement().satisfies(r -> {
                assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
                assertThat(r.endpoint()).isEqualTo("ec2.us-east-1.amazonaws.com");
            });
            assertThat(regions).filteredOn(r -> r.regionName().equals("af-south-1")).singleElement()
                    .satisfies(r -> assertThat(r.optInStatus()).isEqualTo("opted-in"));
        }
    }

    @Test
    void allRegionsNamesAndFilters() {
        try (Ec2Client ec2 = client()) {
            List<Region> all = ec2.describeRegions(r -> r.allRegions(true)).regions();
            assertThat(all).extracting(Region::regionName).containsExactlyElementsOf(Regions.all());
            assertThat(all).filteredOn(r -> r.regionName().equals("me-south-1")).singleElement()
                    .satisfies(r -> assertThat(r.optInStatus()).isEqualTo("not-opted-in"));

            assertThat(ec2.describeRegions(r -> r.regionNames("us-east-1", "me-south-1")).regions())
                    .extracting(Region::regionName).containsExactly("us-east-1", "me-south-1");

            assertThat(ec2.describeRegions(r -> r.allRegions(true).filters(Filter.builder().name("opt-in-status")
                    .values("opted-in", "opt-in-not-required").build())).regions())
                    .extracting(Region::regionName).containsExactlyInAnyOrderElementsOf(account.regions());

            assertThat(ec2.describeRegions(r -> r.filters(Filter.builder().name("region-name").values("eu-*").build())).regions())
                    .extracting(Region::regionName).allMatch(n -> n.startsWith("eu-")).isNotEmpty();

            assertThatThrownBy(() -> ec2.describeRegions(r -> r.regionNames("mars-1"))).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        }
    }

    @Test
    void bucketOfFiveThrottlesTheSixthCallWithRequestLimitExceeded() {
        sim.limits(RateLimits.UNLIMITED.withEc2(5, 0.5));
        int throttled = 0;
        try (Ec2Client ec2 = aws.ec2(account.regions().get(0), credentials, AwsClients.noRetries())) {
            for (int i = 0; i < 8; i++) {
                try {
                    ec2.describeRegions();
                } catch (Ec2Exception e) {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                    assertThat(e.isThrottlingException()).isTrue();
                    throttled++;
                }
            }
        }
        // 5 tokens at the start; at 0.5 per second at most one more can appear during a sub-second run.
        assertThat(throttled).isBetween(2, 3);
    }

    @Test
    void deniedRegionIsUnauthorizedOperationAndNotRetried() {
        sim.updateFaults(f -> f.withDeniedRegions(Set.of(account.regions().get(0))));
        try (Ec2Client ec2 = client()) {
            assertThatThrownBy(ec2::describeRegions).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            });
        }
        assertThat(sim.calls().count(Api.EC2_DESCRIBE_REGIONS)).isEqualTo(1);
    }

    private Ec2Client client() {
        return aws.ec2(account.regions().get(0), credentials, ClientOverrideConfiguration.builder().build());
    }
}
