package io.eksfleet.simulator.org;

/**
 * How a cluster's authenticator maps IAM principals to Kubernetes identities
 * (https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html): access entries ({@code API}),
 * the {@code aws-auth} ConfigMap ({@code CONFIG_MAP}), or both. New clusters default to {@code API_AND_CONFIG_MAP}.
 */
public enum AuthenticationMode {
    CONFIG_MAP,
    API_AND_CONFIG_MAP,
    API;

    /** Access entries count, and the access-entry APIs answer. */
    public boolean usesAccessEntries() {
        return this != CONFIG_MAP;
    }

    /** The {@code aws-auth} ConfigMap counts. */
    public boolean usesConfigMap() {
        return this != API;
    }
}
