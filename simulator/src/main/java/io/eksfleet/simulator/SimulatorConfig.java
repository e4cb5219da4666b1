package io.eksfleet.simulator;

import io.eksfleet.simulator.org.OrgGenerator;
import io.eksfleet.simulator.org.Organization;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a simulator starts with. Build one with {@link #builder()}; every setting has a documented
 * default, and faults can be changed while it runs through {@link Simulator#faults()}.
 */
public final class SimulatorConfig {

    private final String bindAddress;
    private final int port;
    private final Organization org;
    private final LatencySettings latency;
    private final RateLimits limits;
    private final FaultSettings faults;
    private final Duration roleCredentialTtl;
    private final Duration accessTokenTtl;
    private final int deviceApprovalPolls;
    private final Duration devicePollInterval;
    private final int portalPageSize;
    private final int threads;
    private final boolean kubernetesApi;

    private SimulatorConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.org = b.org != null ? b.org : OrgGenerator.generate(20, 4, 50, 1);
        this.latency = b.latency;
        this.limits = b.limits;
        this.faults = b.faults;
        this.roleCredentialTtl = b.roleCredentialTtl;
        this.accessTokenTtl = b.accessTokenTtl;
        this.deviceApprovalPolls = b.deviceApprovalPolls;
        this.devicePollInterval = b.devicePollInterval;
        this.portalPageSize = b.portalPageSize;
        this.threads = b.threads;
        this.kubernetesApi = b.kubernetesApi;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public Organization org() {
        return org;
    }

    public LatencySettings latency() {
        return latency;
    }

    public RateLimits limits() {
        return limits;
    }

    public FaultSettings faults() {
        return faults;
    }

    public Duration roleCredentialTtl() {
        return roleCredentialTtl;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public int deviceApprovalPolls() {
        return deviceApprovalPolls;
    }

    public Duration devicePollInterval() {
        return devicePollInterval;
    }

    public int portalPageSize() {
        return portalPageSize;
    }

    /** Whether every cluster with an endpoint is served by the simulated Kubernetes API. */
    public boolean kubernetesApi() {
        return kubernetesApi;
    }

    public int threads() {
        return threads;
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private Organization org;
        private LatencySettings latency = LatencySettings.NONE;
        private RateLimits limits = RateLimits.AWS_DEFAULTS;
        private FaultSettings faults = FaultSettings.NONE;
        private Duration roleCredentialTtl = Duration.ofHours(1);
        private Duration accessTokenTtl = Duration.ofHours(8);
        private int deviceApprovalPolls = 1;
        private Duration devicePollInterval = Duration.ofSeconds(1);
        private int portalPageSize = 20;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private boolean kubernetesApi;

        /** Default 127.0.0.1: the simulator is for this machine only unless told otherwise. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** Default 0: a free port, read back with {@link Simulator#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Default: {@code OrgGenerator.generate(20, 4, 50, 1)}. */
        public Builder org(Organization org) {
            this.org = Objects.requireNonNull(org);
            return this;
        }

        /** Default: answers at once. */
        public Builder latency(LatencySettings latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        /** Default: {@link RateLimits#AWS_DEFAULTS}. */
        public Builder limits(RateLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Default: none. */
        public Builder faults(FaultSettings faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /** Lifetime of role credentials from GetRoleCredentials, and the cap for AssumeRole. Default 1 h. */
        public Builder roleCredentialTtl(Duration ttl) {
            this.roleCredentialTtl = positive(ttl, "role credential lifetime");
            return this;
        }

        /** Lifetime of SSO access tokens from CreateToken. Default 8 h. */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = positive(ttl, "access token lifetime");
            return this;
        }

        /** CreateToken polls answered {@code authorization_pending} before the device counts as approved. Default 1. */
        public Builder deviceApprovalPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("device approval polls cannot be negative");
            }
            this.deviceApprovalPolls = polls;
            return this;
        }

        /** The {@code interval} StartDeviceAuthorization announces; faster polls get slow_down. Default 1 s; 0 turns the check off. */
        public Builder devicePollInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("device poll interval cannot be negative");
            }
            this.devicePollInterval = interval;
            return this;
        }

        /** Page size of the SSO portal's list calls when the client sends no {@code max_result}. Default 20. */
        public Builder portalPageSize(int size) {
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("portal page size must be between 1 and 100");
            }
            this.portalPageSize = size;
            return this;
        }

        /** Threads that parse requests and build answers. Default: the number of cores, at least 2. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Serves a minimal Kubernetes API over TLS for every cluster, at the endpoint and with the CA that
         * DescribeCluster then returns instead of the modelled ones, so kubeconfig entries can be used with
         * kubectl. Default: off (DescribeCluster returns the modelled endpoint and certificate).
         */
        public Builder kubernetesApi(boolean serve) {
            this.kubernetesApi = serve;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
