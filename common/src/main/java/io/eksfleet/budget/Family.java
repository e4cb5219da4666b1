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

    /**
     * Whether every worker of the fleet spends from the same AWS budget: the organisation's SSO portal and
     * Organizations, and STS for the one hub identity all workers assume roles from. An account's EKS and EC2
     * calls come from the one worker that owns the account's tasks (account affinity), so those budgets are
     * that worker's whole.
     */
    public boolean fleetWide() {
        return this == SSO || this == ORGANIZATIONS || this == STS;
    }

    /** The budget key of a call in {@code account} and {@code region}. */
    public String key(String account, String region) {
        return switch (this) {
            case SSO, ORGANIZATIONS -> name();
            case EKS, EC2 -> name() + "/" + account + "/" + region;
            case STS -> name() + "/" + account;
        };
    }
}
