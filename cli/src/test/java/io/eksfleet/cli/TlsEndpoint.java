package io.eksfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A corporate network in a test: a certificate authority of its own (made with the JDK's keytool), a TLS endpoint
 * with a certificate it signed in front of a plain-HTTP server (the simulator), and an HTTP CONNECT proxy that
 * counts the tunnels it opens. Clients that trust only the public CAs fail the TLS handshake.
 */
final class TlsEndpoint implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    final Path caPem;
    private final ServerSocket tls;
    private final ServerSocket proxy;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-endpoint");
        t.setDaemon(true);
        return t;
    });

    /** Makes the CA and the endpoint's certificate under {@code dir}, and starts both servers; {@code target} is the HTTP port behind. */
    TlsEndpoint(Path dir, int target) throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=eksfleet test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-keystore", server.toString());
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.pem");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(), "-outfile", cert.toString(),
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(), "-file", caPem.toString());
        keytool("-importcert", "-alias", "server", "-keystore", server.toString(), "-file", cert.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        tls = context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> accept(tls, client -> relay(client, new Socket(InetAddress.getLoopbackAddress(), target))));
        threads.submit(() -> accept(proxy, this::tunnel));
    }

    /** The TLS endpoint, as an AWS_ENDPOINT_URL. */
    String url() {
        return "https://127.0.0.1:" + tls.getLocalPort();
    }

    /** The proxy, as an HTTPS_PROXY. */
    String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getLocalPort();
    }

    /** How many CONNECT tunnels the proxy has opened. */
    int tunnels() {
        return tunnels.get();
    }

    private interface Handler {
        void handle(Socket client) throws IOException;
    }

    private Object accept(ServerSocket server, Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> {
                    try {
                        handler.handle(client);
                    } catch (IOException e) {
                        close(client);
                    }
                    return null;
                });
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code CONNECT host:port HTTP/1.1}, then the bytes both ways. */
    private void tunnel(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                close(client);
                return;
            }
            head.append((char) b);
        }
        List<String> request = List.of(head.toString().split("\r\n")[0].split(" "));
        if (!request.get(0).equals("CONNECT")) {
            client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            close(client);
            return;
        }
        String[] hostPort = request.get(1).split(":");
        Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        tunnels.incrementAndGet();
        client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        relay(client, upstream);
    }

    private void relay(Socket a, Socket b) {
        threads.submit(() -> pipe(a, b));
        threads.submit(() -> pipe(b, a));
    }

    private static Object pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side went away: the other goes too.
        } finally {
            close(from);
            close(to);
        }
        return null;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", args) + ": " + output);
        }
    }

    @Override
    public void close() throws IOException {
        tls.close();
        proxy.close();
        threads.shutdownNow();
    }
}
