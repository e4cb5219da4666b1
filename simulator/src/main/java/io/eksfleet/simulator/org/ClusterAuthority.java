package io.eksfleet.simulator.org;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;

/**
 * A modelled cluster's certificate authority: a real self-signed X.509 certificate ({@code CN=kubernetes}, as
 * an EKS cluster's CA is), in the form of DescribeCluster's {@code certificateAuthority.data}. Made from a
 * seed, so that a seeded organisation is the same every time (Ed25519 signs deterministically). Nothing is served with it: the simulated Kubernetes API has
 * its own CA ({@code ClusterCertificates}).
 */
final class ClusterAuthority {

    private static final Instant EARLIEST = Instant.parse("2019-01-01T00:00:00Z");
    private static final X500Name KUBERNETES = new X500Name("CN=kubernetes");

    /** One key signs them all: a key pair per cluster would double the cost of a large organisation for nothing the simulator uses. */
    private static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(sha256("eksfleet simulated cluster CA"), 0);
    private static final SubjectPublicKeyInfo PUBLIC_KEY;

    static {
        try {
            PUBLIC_KEY = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(KEY.generatePublicKey());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ClusterAuthority() {
    }

    /** The base64 of the PEM certificate that {@code seed} makes. */
    static String data(String seed) {
        byte[] hash = sha256(seed);
        Instant from = EARLIEST.plus(Duration.ofDays(Byte.toUnsignedInt(hash[0]) * 8L));
        try {
            byte[] der = new X509v3CertificateBuilder(KUBERNETES, new BigInteger(1, Arrays.copyOf(hash, 16)), Date.from(from),
                    Date.from(from.plus(Duration.ofDays(3650))), KUBERNETES,
                    PUBLIC_KEY)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .build(new Signer(KEY)).getEncoded();
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a modelled cluster certificate", e);
        }
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Signer implements ContentSigner {

        private final Ed25519PrivateKeyParameters key;
        private final ByteArrayOutputStream signed = new ByteArrayOutputStream();

        Signer(Ed25519PrivateKeyParameters key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
        }

        @Override
        public OutputStream getOutputStream() {
            return signed;
        }

        @Override
        public byte[] getSignature() {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            byte[] bytes = signed.toByteArray();
            signer.update(bytes, 0, bytes.length);
            return signer.generateSignature();
        }
    }
}
