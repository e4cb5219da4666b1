package io.eksfleet.simulator;

import io.eksfleet.simulator.org.Organization;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/** The state every service reads: the organisation, credentials, SSO sessions, budgets and faults. */
final class SimulatedAws {

    final SimulatorConfig config;
    final Clock clock;
    final KeyStore keys;
    final SsoSessions sso;
    final RateBudgets budgets;
    final AtomicReference<FaultSettings> faults;
    final Gate gate;
    private final AtomicReference<OrgIndex> org;
    /** Where the simulated Kubernetes API serves each cluster; null when it does not run. */
    volatile ClusterEndpoints endpoints;

    /**
     * The address and CA of the simulated Kubernetes API, which replace a cluster's modelled endpoint and
     * certificate in DescribeCluster answers.
     */
    record ClusterEndpoints(String base, String authorityData) {
        String endpoint(String id) {
            return base + id;
        }
    }

    SimulatedAws(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.keys = new KeyStore(clock);
        this.sso = new SsoSessions(clock);
        this.budgets = new RateBudgets(config.limits());
        this.faults = new AtomicReference<>(config.faults());
        this.gate = new Gate(budgets, faults);
        this.org = new AtomicReference<>();
        replaceOrg(config.org());
    }

    OrgIndex org() {
        return org.get();
    }

    void replaceOrg(Organization organization) {
        io.eksfleet.simulator.org.OrgFiles.validate(organization);
        var hub = organization.hub();
        String account = organization.managementAccountId();
        String userArn = organization.partition().arn("iam", "", account, "user/" + hub.userName());
        keys.registerLongLived(hub.accessKeyId(), hub.secretAccessKey(), new KeyStore.Principal(account, userArn,
                "AIDA" + Secrets.upper(17), null, userArn));
        org.set(new OrgIndex(organization));
    }
}
