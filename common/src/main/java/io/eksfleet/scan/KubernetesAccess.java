package io.eksfleet.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What a role may do in a cluster's Kubernetes API as EKS access entries tell it: whether the role has an entry
 * ({@link Answer}), and the entry's user name, Kubernetes groups and access policies. {@code unknown} where access
 * entries cannot answer (a {@code CONFIG_MAP} cluster, a {@code API_AND_CONFIG_MAP} cluster without an entry for the
 * role, or a role that may not list access entries), with the reason in {@code why}.
 *
 * @param roleName the role the answer is for (the scan's role in the cluster's account)
 * @param principalArn the role ARN of the matching access entry, with its path
 * @param type the entry's type ({@code STANDARD} for people)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record KubernetesAccess(String roleName, Answer answer, String why, String principalArn, String type, String username,
                               List<String> kubernetesGroups, List<AccessPolicy> policies) {

    /** Whether the role can use the cluster, on the wire {@code yes}, {@code no}, {@code unknown}. */
    public enum Answer {
        YES, NO, UNKNOWN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        public static Answer of(String wire) {
            for (Answer answer : values()) {
                if (answer.wire().equals(wire)) {
                    return answer;
                }
            }
            throw new IllegalArgumentException("not an access answer (yes, no, unknown): " + Printable.of(wire));
        }
    }

    /**
     * One access policy associated with the entry: its name ({@code AmazonEKSViewPolicy}) and where it applies, the
     * whole cluster or the listed namespaces.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AccessPolicy(String name, String scope, List<String> namespaces) {

        public AccessPolicy {
            name = SharedStrings.of(name);
            scope = SharedStrings.of(scope);
            namespaces = namespaces == null ? List.of() : SharedStrings.of(namespaces);
        }

        @Override
        public String toString() {
            return namespaces.isEmpty() ? name : name + " (" + String.join(", ", namespaces) + ")";
        }
    }

    public KubernetesAccess {
        roleName = SharedStrings.of(roleName);
        why = SharedStrings.of(why);
        principalArn = SharedStrings.of(principalArn);
        type = SharedStrings.of(type);
        username = SharedStrings.of(username);
        kubernetesGroups = kubernetesGroups == null ? List.of() : SharedStrings.of(kubernetesGroups);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** A role whose access nobody looked up. */
    public static KubernetesAccess notLooked(String roleName) {
        return new KubernetesAccess(roleName, null, null, null, null, null, List.of(), List.of());
    }

    public static KubernetesAccess unknown(String roleName, String why) {
        return new KubernetesAccess(roleName, Answer.UNKNOWN, why, null, null, null, List.of(), List.of());
    }

    public static KubernetesAccess none(String roleName, String why) {
        return new KubernetesAccess(roleName, Answer.NO, why, null, null, null, List.of(), List.of());
    }

    public boolean denied() {
        return answer == Answer.NO;
    }
}
