package io.eksfleet.scan;

/** The three worker stages, in pipeline order. */
public enum Stage {
    ACCOUNTS, REGIONS, CLUSTERS;

    /** The key that identifies one task of this stage within a scan. */
    public String taskKey(String accountId, String region, String clusterName) {
        return switch (this) {
            case ACCOUNTS -> "account/" + accountId;
            case REGIONS -> "region/" + accountId + "/" + region;
            case CLUSTERS -> "cluster/" + accountId + "/" + region + "/" + clusterName;
        };
    }
}
