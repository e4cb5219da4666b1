package io.eksfleet.coordinator;

/** The account/region pairs a scan listed completely, so that what they lack is really gone. */
public interface ListedRegions {

    boolean contains(String accountId, String region);

    int size();
}
