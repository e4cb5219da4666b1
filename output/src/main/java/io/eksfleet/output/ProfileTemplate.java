package io.eksfleet.output;

import io.eksfleet.scan.ClusterRecord;
import java.util.List;
import java.util.Map;

/**
 * Names of the AWS profiles written for each account and role, from a template with {@code {accountName}},
 * {@code {accountId}} and {@code {role}} (a profile serves every region and cluster of its account and role).
 * Characters a profile name should not hold, outside {@code [A-Za-z0-9._-]}, become {@code -}.
 */
public record ProfileTemplate(String template) {

    public static final String DEFAULT = "{accountName}.{role}";

    public ProfileTemplate {
        Placeholders.check("profile template", template, List.of("accountName", "accountId", "role"));
    }

    public String name(ClusterRecord c) {
        return Placeholders.fill(template, Map.of("accountName", c.accountName(), "accountId", c.accountId(), "role", c.roleName()))
                .replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
