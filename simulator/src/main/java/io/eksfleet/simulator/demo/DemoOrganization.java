package io.eksfleet.simulator.demo;

import io.eksfleet.simulator.org.ClusterStatus;
import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;

/**
 * The organisation {@code scan --demo} scans: 24 accounts with 4 enabled regions each, 60 clusters spread
 * unevenly, equal cluster names in different accounts, and clusters in every status (one CREATING and one
 * FAILED among them), so the demo shows what a real organisation throws at the tool.
 */
final class DemoOrganization {

    static final long SEED = 2026;

    private DemoOrganization() {
    }

    static Organization build() {
        Organization org = OrgGenerator.generate(24, 4, 60, SEED, OrgGenerator.Options.DEFAULT.withMixedAuthentication(true));
        if (org.clusters().noneMatch(c -> c.cluster().status() == ClusterStatus.CREATING)
                || org.clusters().noneMatch(c -> c.cluster().status() == ClusterStatus.FAILED)) {
            throw new IllegalStateException("the demo organisation lacks a CREATING or FAILED cluster");
        }
        return org;
    }
}
