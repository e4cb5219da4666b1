package io.eksfleet.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClusterArnTest {

    @ParameterizedTest
    @CsvSource({
        "arn:aws:eks:us-west-2:123456789012:cluster/payments, aws, us-west-2",
        "arn:aws-cn:eks:cn-north-1:123456789012:cluster/payments, aws-cn, cn-north-1",
        "arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/payments, aws-us-gov, us-gov-west-1"})
    void readsAndWritesEveryPartition(String text, String partition, String region) {
        ClusterArn arn = ClusterArn.parse(text);

        assertThat(arn).isEqualTo(new ClusterArn(partition, region, "123456789012", "payments"));
        assertThat(arn.toString()).isEqualTo(text);
        assertThat(ClusterArn.of(region, "123456789012", "payments")).isEqualTo(arn);
    }

    @Test
    void takesEveryNameEksAllows() {
        String longest = "a" + "B-_9".repeat(24) + "xyz";

        assertThat(ClusterArn.parse("arn:aws:eks:eu-west-1:123456789012:cluster/" + longest).name()).hasSize(100);
        assertThat(ClusterArn.parse("arn:aws:eks:eu-west-1:123456789012:cluster/0").name()).isEqualTo("0");
    }

    @Test
    void theChinaPartitionHasItsOwnDnsSuffix() {
        assertThat(ClusterArn.parse("arn:aws-cn:eks:cn-northwest-1:123456789012:cluster/a").dnsSuffix()).isEqualTo("amazonaws.com.cn");
        assertThat(ClusterArn.parse("arn:aws-us-gov:eks:us-gov-east-1:123456789012:cluster/a").dnsSuffix()).isEqualTo("amazonaws.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "arn:aws:eks:us-west-2:123456789012",
        "arn:aws:eks:us-west-2:123456789012:cluster/",
        "arn:aws:eks::123456789012:cluster/a",
        "arn:aws:eks:us-west-2::cluster/a",
        "arn::eks:us-west-2:123456789012:cluster/a",
        "arn:aws:eks:us-west-2:1234567890123:cluster/a",
        "arn:aws:eks:us-west-2:12345678901:cluster/a",
        "arn:aws:eks:us-west-2:12345678901x:cluster/a",
        "arn:aws:eks:../../etc:123456789012:cluster/a",
        "arn:aws:eks:us-west-9:123456789012:cluster/a",
        "arn:aws:eks:aws-global:123456789012:cluster/a",
        "arn:aws:eks:cn-north-1:123456789012:cluster/a",
        "arn:aws-cn:eks:us-west-2:123456789012:cluster/a",
        "arn:aws-iso:eks:us-iso-east-1:123456789012:cluster/a",
        "arn:aws-evil:eks:us-west-2:123456789012:cluster/a",
        "arn:aws:ecs:us-west-2:123456789012:cluster/a",
        "arn:aws:eks:us-west-2:123456789012:nodegroup/a",
        "arn:aws:eks:us-west-2:123456789012:cluster/a/b",
        "arn:aws:eks:us-west-2:123456789012:cluster/../a",
        "arn:aws:eks:us-west-2:123456789012:cluster/a\nb",
        "arn:aws:eks:us-west-2:123456789012:cluster/a\u0000",
        "arn:aws:eks:us-west-2:123456789012:cluster/-a",
        "arn:aws:eks:us-west-2:123456789012:cluster/a.b",
        "arn:aws:eks:us-west-2:123456789012:cluster/a b",
        " arn:aws:eks:us-west-2:123456789012:cluster/a"})
    void refusesWhatEksCannotName(String text) {
        assertThatThrownBy(() -> ClusterArn.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANameLongerThanEksAllows() {
        assertThatThrownBy(() -> ClusterArn.parse("arn:aws:eks:us-west-2:123456789012:cluster/" + "a".repeat(101)))
                .hasMessageContaining("not an EKS cluster name");
    }

    @Test
    void saysWhatIsWrongWithoutEchoingControlCharacters() {
        assertThatThrownBy(() -> ClusterArn.parse(null)).hasMessageContaining("not an EKS cluster ARN");
        assertThatThrownBy(() -> ClusterArn.parse("arn:aws:eks:us-west-2:1234567890123:cluster/a"))
                .hasMessageContaining("account '1234567890123' is not 12 digits");
        assertThatThrownBy(() -> ClusterArn.parse("arn:aws:eks:../../etc:123456789012:cluster/a"))
                .hasMessageContaining("'../../etc' is not an AWS region");
        assertThatThrownBy(() -> ClusterArn.parse("arn:aws-cn:eks:us-west-2:123456789012:cluster/a"))
                .hasMessageContaining("region us-west-2 is in the aws partition, not aws-cn");
        assertThatThrownBy(() -> ClusterArn.parse("arn:aws:eks:us-west-2:123456789012:cluster/a\nforged log line"))
                .hasMessageNotContaining("\n").hasMessageContaining("a?forged");
    }

    @Test
    void buildsOnlyWhatItCouldRead() {
        assertThatThrownBy(() -> ClusterArn.of("../../etc", "123456789012", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterArn.of("us-east-1", "123456789012", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
