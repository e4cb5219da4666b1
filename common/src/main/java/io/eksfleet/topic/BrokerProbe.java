package io.eksfleet.topic;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TCP connection to each bootstrap address before any Kafka client waits: an unknown host or a refused
 * connection is known in milliseconds, where the Kafka clients keep retrying it until their timeout.
 */
final class BrokerProbe {

    /** The longest one address is given to accept a connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private BrokerProbe() {
    }

    /** Why no bootstrap address accepts a connection, or empty when one does. */
    static Optional<String> unreachable(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(timeout.toMillis(), CONNECT_TIMEOUT.toMillis()));
        List<String> reasons = new ArrayList<>();
        String[] addresses = bootstrapServers.split(",");
        for (String address : addresses) {
            String hostPort = address.trim().replaceFirst("^[A-Za-z_]+://", "");
            int colon = hostPort.lastIndexOf(':');
            int port = colon < 0 ? -1 : port(hostPort.substring(colon + 1));
            if (port < 0) {
                reasons.add("'" + address.trim() + "' is not HOST:PORT");
                continue;
            }
            String host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), millis);
                return Optional.empty();
            } catch (UnknownHostException e) {
                reasons.add(hostPort + " unknown host");
            } catch (ConnectException e) {
                reasons.add(hostPort + " connection refused");
            } catch (SocketTimeoutException e) {
                reasons.add(hostPort + " no answer within " + millis / 1000.0 + " s");
            } catch (IOException | IllegalArgumentException e) {
                reasons.add(hostPort + " " + e.getMessage());
            }
        }
        // With one address the message names it already; with several, each reason says which.
        return Optional.of(addresses.length == 1 && !reasons.get(0).startsWith("'")
                ? reasons.get(0).substring(reasons.get(0).indexOf(' ') + 1) : String.join("; ", reasons));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65536 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
