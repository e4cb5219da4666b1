package io.eksfleet.simulator.demo;

import io.eksfleet.devtools.DemoAws;
import io.eksfleet.simulator.LatencySettings;
import io.eksfleet.simulator.Simulator;
import io.eksfleet.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The demo organisation of {@code scan --demo} on a simulator, with a real network's latency and cluster endpoints. */
public final class SimulatedDemo implements DemoAws {

    @Override
    public Running start() throws IOException {
        Simulator simulator = Simulator.start(SimulatorConfig.builder().org(DemoOrganization.build())
                .latency(LatencySettings.parse(List.of("lognormal:20ms,80ms"))).kubernetesApi(true).build());
        return new Served(simulator);
    }

    private record Served(Simulator simulator) implements Running {

        @Override
        public URI endpoint() {
            return simulator.endpoint();
        }

        @Override
        public String organizationId() {
            return simulator.org().organizationId();
        }

        @Override
        public String ssoStartUrl() {
            return simulator.org().ssoStartUrl();
        }

        @Override
        public String ssoRegion() {
            return simulator.org().ssoRegion();
        }

        @Override
        public int accountCount() {
            return simulator.org().accounts().size();
        }

        @Override
        public int clusterCount() {
            return simulator.org().clusterCount();
        }

        @Override
        public String issueAccessToken() {
            return simulator.issueAccessToken();
        }

        @Override
        public void close() {
            simulator.close();
        }
    }
}
