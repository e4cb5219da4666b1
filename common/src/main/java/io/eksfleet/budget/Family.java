package io.eksfleet.budget;

/** The AWS API families with a budget of their own, and how AWS keys each. */
public enum Family {
    /** One budget for the organisation's IAM Identity Center. */
    SSO,
    /** Per account and region. */
    EKS,
    /** Per account and region. */
    EC2,
    /** Per calling account. */
    STS,
    /** One budget for the organisation. */
    ORGANIZATIONS;

    /** The budget key of a call in {@code account} and {@code region}. */
    public String key(String account, String region) {
        return switch (this) {
            case SSO, ORGANIZATIONS -> name();
            case EKS, EC2 -> name() + "/" + account + "/" + region;
            case STS -> name() + "/" + account;
        };
    }
}
