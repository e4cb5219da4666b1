package io.eksfleet.output;

import io.eksfleet.scan.ClusterRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Context names from a template with {@code {accountName}}, {@code {accountId}}, {@code {region}},
 * {@code {cluster}} and {@code {role}}. The default, {@value #DEFAULT}, never collides: an account name is
 * unique in an organisation, a cluster name within an account and region.
 */
public record ContextTemplate(String template) {

    public static final String DEFAULT = "{accountName}/{region}/{cluster}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final java.util.Set<String> NAMES = java.util.Set.of("accountName", "accountId", "region", "cluster", "role");

    public ContextTemplate {
        Matcher m = PLACEHOLDER.matcher(template);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!NAMES.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in context template '" + template
                        + "': use {accountName}, {accountId}, {region}, {cluster}, {role}");
            }
        }
        if (!any) {
            throw new IllegalArgumentException("context template '" + template + "' has no placeholder, so every context would get the same name");
        }
    }

    public String name(ClusterRecord c) {
        return template.replace("{accountName}", c.accountName()).replace("{accountId}", c.accountId())
                .replace("{region}", c.region()).replace("{cluster}", c.name()).replace("{role}", c.roleName());
    }
}
