package io.eksfleet.worker;

import java.util.regex.Pattern;

/**
 * Which access entry is the scan's role. EKS matches an entry to the IAM role itself (an assumed-role session is not a
 * valid principal), by the role's ARN with its path; IAM role names are unique within an account whatever their path,
 * so an entry names the role when it is a role of the cluster's partition and account with the role's name. With an
 * SSO login the role is IAM Identity Center's {@code aws-reserved/sso.amazonaws.com/[REGION/]AWSReservedSSO_SET_SUFFIX}
 * for the permission set {@code SET}, with a 16-character hexadecimal suffix.
 */
record AccessEntryPrincipal(String partition, String accountId, Pattern roleName) {

    static AccessEntryPrincipal role(String partition, String accountId, String roleName) {
        return new AccessEntryPrincipal(partition, accountId, Pattern.compile(Pattern.quote(roleName)));
    }

    static AccessEntryPrincipal permissionSet(String partition, String accountId, String permissionSet) {
        return new AccessEntryPrincipal(partition, accountId,
                Pattern.compile("AWSReservedSSO_" + Pattern.quote(permissionSet) + "_[0-9a-f]{16}"));
    }

    /** Whether {@code principalArn}, as ListAccessEntries gives it, is this role. */
    boolean matches(String principalArn) {
        String prefix = "arn:" + partition + ":iam::" + accountId + ":role/";
        if (principalArn == null || !principalArn.startsWith(prefix)) {
            return false;
        }
        String pathAndName = principalArn.substring(prefix.length());
        return roleName.matcher(pathAndName.substring(pathAndName.lastIndexOf('/') + 1)).matches();
    }
}
