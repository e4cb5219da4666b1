package io.eksfleet.devtools;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The simulated AWS organisation {@code scan --demo} scans: the simulator provides it when its jar is on the class
 * path (a checkout's {@code ./eksfleet}); the product's class path and image have none.
 */
public interface DemoAws {

    /** Starts a simulator that serves the demo organisation on loopback. */
    Running start() throws IOException;

    /** The demo organisation, served until {@link #close()}. */
    interface Running extends AutoCloseable {

        /** Where every simulated AWS API answers. */
        URI endpoint();

        String organizationId();

        String ssoStartUrl();

        String ssoRegion();

        int accountCount();

        int clusterCount();

        /** An SSO access token the simulator accepts, as a login would have cached it. */
        String issueAccessToken();

        @Override
        void close();
    }

    /** The demo organisation's provider on the class path, if any. */
    static Optional<DemoAws> onClassPath() {
        return ServiceLoader.load(DemoAws.class).findFirst();
    }
}
