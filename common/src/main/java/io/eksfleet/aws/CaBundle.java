package io.eksfleet.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * {@code AWS_CA_BUNDLE}: a PEM file of the certificate authorities that AWS's endpoints (or a TLS-inspecting proxy in
 * front of them) are trusted by, instead of the JVM's own. The AWS CLI reads it; the Java SDK does not, so every
 * client {@link AwsClients} builds is given it.
 */
public final class CaBundle {

    public static final String VARIABLE = "AWS_CA_BUNDLE";

    private static final Pattern CERTIFICATE = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    /** Past this a file is not a CA bundle (the system's has a few hundred certificates, about 200 KiB). */
    private static final long MAX_BYTES = 16L << 20;

    /** The bundle of this process's environment, read once: null when {@code AWS_CA_BUNDLE} is not set. */
    private static volatile Optional<Loaded> environment;

    private record Loaded(TrustManager[] trustManagers, String problem) {
    }

    private CaBundle() {
    }

    /**
     * What is wrong with the bundle {@code AWS_CA_BUNDLE} names, in one line that says what to do; empty when it is a
     * readable PEM file of certificates, or when the variable is not set. Every command checks this before it starts.
     */
    public static Optional<String> problem() {
        return fromEnvironment().map(Loaded::problem);
    }

    /** The trust managers of {@code AWS_CA_BUNDLE}, or empty for the JVM's own. */
    static Optional<TlsTrustManagersProvider> trustManagers() {
        return fromEnvironment().map(loaded -> {
            if (loaded.problem() != null) {
                throw new IllegalStateException(loaded.problem());
            }
            return loaded::trustManagers;
        });
    }

    private static Optional<Loaded> fromEnvironment() {
        Optional<Loaded> loaded = environment;
        if (loaded == null) {
            String value = System.getenv(VARIABLE);
            loaded = value == null || value.isBlank() ? Optional.empty() : Optional.of(load(Path.of(value)));
            environment = loaded;
        }
        return loaded;
    }

    /** The bundle at {@code file}, or the one line saying why it cannot serve. */
    static Loaded load(Path file) {
        String fix = ": fix the path or unset " + VARIABLE;
        String names = VARIABLE + " names " + file + ", which ";
        try {
            if (!Files.exists(file)) {
                return failed(names + "does not exist" + fix);
            }
            if (!Files.isRegularFile(file)) {
                return failed(names + "is not a file (a PEM file of CA certificates is needed)" + fix);
            }
            if (Files.size(file) > MAX_BYTES) {
                return failed(names + "is larger than 16 MiB, not a PEM file of CA certificates" + fix);
            }
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            List<String> blocks = new ArrayList<>();
            Matcher m = CERTIFICATE.matcher(text);
            while (m.find()) {
                blocks.add(m.group(1));
            }
            if (blocks.isEmpty()) {
                return failed(names + "holds no PEM certificate (-----BEGIN CERTIFICATE-----)" + fix);
            }
            for (int i = 0; i < blocks.size(); i++) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(blocks.get(i));
                    store.setCertificateEntry("ca-" + i, factory.generateCertificate(new ByteArrayInputStream(der)));
                } catch (IllegalArgumentException | GeneralSecurityException e) {
                    return failed(names + "holds a certificate that cannot be read (number " + (i + 1) + ")" + fix);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return new Loaded(trust.getTrustManagers(), null);
        } catch (IOException e) {
            return failed(names + "cannot be read (" + e.getClass().getSimpleName() + ")" + fix);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot hold CA certificates: " + e.getMessage(), e);
        }
    }

    private static Loaded failed(String problem) {
        return new Loaded(null, problem);
    }
}
