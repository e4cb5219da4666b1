package io.eksfleet.output;

import io.eksfleet.scan.ClusterRecord;
import java.util.List;
import java.util.Map;

/**
 * Context names from a template with {@code {accountName}}, {@code {accountId}}, {@code {region}},
 * {@code {cluster}} and {@code {role}}. The default, {@value #DEFAULT}, never collides: an account name is
 * unique in an organisation, a cluster name within an account and region.
 */
public record ContextTemplate(String template) {

    public static final String DEFAULT = "{accountName}/{region}/{cluster}";

    public ContextTemplate {
        Placeholders.check("context template", template, List.of("accountName", "accountId", "region", "cluster", "role"));
    }

    public String name(ClusterRecord c) {
        return Placeholders.fill(template, Map.of("accountName", c.accountName(), "accountId", c.accountId(),
                "region", c.region(), "cluster", c.name(), "role", c.roleName()));
    }
}
