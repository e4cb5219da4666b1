package io.eksfleet.output;

import io.eksfleet.scan.ClusterRecord;
import java.util.List;
import java.util.Map;

/**
 * Context names from a template with {@code {accountName}}, {@code {accountId}}, {@code {region}},
 * {@code {cluster}} and {@code {role}}. The default, {@value #DEFAULT}, never collides: an account name is
 * unique in an organisation, a cluster name within an account and region, and a cluster written with several roles
 * gets {@code /{role}} at the end of a template that does not name the role.
 */
public record ContextTemplate(String template) {

    public static final String DEFAULT = "{accountName}/{region}/{cluster}";

    public ContextTemplate {
        Placeholders.check("context template", template, List.of("accountName", "accountId", "region", "cluster", "role"));
    }

    public String name(ClusterRecord c) {
        return name(c, false);
    }

    /**
     * The name of {@code c}'s context; {@code ownUser}: the cluster has a user and context per role, so a template
     * without {@code {role}} gets {@code /{role}} at its end and the names stay apart.
     */
    public String name(ClusterRecord c, boolean ownUser) {
        String names = ownUser && !template.contains("{role}") ? template + "/{role}" : template;
        return Placeholders.fill(names, Map.of("accountName", c.accountName(), "accountId", c.accountId(),
                "region", c.region(), "cluster", c.name(), "role", c.roleName()));
    }
}
