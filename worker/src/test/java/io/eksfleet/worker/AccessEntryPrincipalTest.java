package io.eksfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An access entry names the scan's role by account and role name, whatever the role's path; sessions never match. */
class AccessEntryPrincipalTest {

    @Test
    void aHubRoleMatchesWithOrWithoutAPathInItsOwnAccountAndPartitionOnly() {
        AccessEntryPrincipal role = AccessEntryPrincipal.role("aws", "111111111111", "EksFleetReader");
        assertThat(role.matches("arn:aws:iam::111111111111:role/EksFleetReader")).isTrue();
        assertThat(role.matches("arn:aws:iam::111111111111:role/platform/readers/EksFleetReader")).isTrue();
        assertThat(role.matches("arn:aws:iam::222222222222:role/EksFleetReader")).as("another account").isFalse();
        assertThat(role.matches("arn:aws-us-gov:iam::111111111111:role/EksFleetReader")).as("another partition").isFalse();
        assertThat(role.matches("arn:aws:iam::111111111111:role/EksFleetReaderToo")).isFalse();
        assertThat(role.matches("arn:aws:iam::111111111111:user/EksFleetReader")).isFalse();
        assertThat(role.matches("arn:aws:sts::111111111111:assumed-role/EksFleetReader/eksfleet")).isFalse();
        assertThat(role.matches(null)).isFalse();
    }

    @Test
    void aPermissionSetMatchesItsIdentityCenterRoleAndNotALongerSetsRole() {
        AccessEntryPrincipal set = AccessEntryPrincipal.permissionSet("aws", "111111111111", "Admin");
        assertThat(set.matches("arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef")).isTrue();
        assertThat(set.matches("arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef"))
                .isTrue();
        assertThat(set.matches("arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_Extra_0123456789abcdef"))
                .as("the set Admin_Extra").isFalse();
        assertThat(set.matches("arn:aws:iam::111111111111:role/Admin")).isFalse();
        AccessEntryPrincipal dotted = AccessEntryPrincipal.permissionSet("aws", "111111111111", "Read.Only+");
        assertThat(dotted.matches("arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Read.Only+_0123456789abcdef"))
                .isTrue();
        assertThat(dotted.matches("arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadXOnly+_0123456789abcdef"))
                .as("names are not patterns").isFalse();
    }
}
