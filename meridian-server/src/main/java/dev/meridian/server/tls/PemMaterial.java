package dev.meridian.server.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.impl.KeyStoreHelper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * The listener's certificate material as read from its PEM files at one moment, checked before use: the
 * certificate file holds a certificate (then its chain), the key file a private key that belongs to it, the
 * certificate is valid now, and the optional client CA file holds at least one certificate. Parsing is Vert.x's
 * own ({@link KeyStoreHelper}), so what passes here is what the listener can load.
 *
 * @param certPem  the certificate file's bytes
 * @param keyPem   the key file's bytes
 * @param caPem    the client CA file's bytes, or null when there is none
 * @param chain    the server certificate (the file's first), then the rest of the file's
 * @param privateKey the key
 */
public record PemMaterial(
        byte[] certPem, byte[] keyPem, byte[] caPem, List<X509Certificate> chain, PrivateKey privateKey) {

    /** Reads and checks the files; {@code ca} may be null. */
    public static PemMaterial read(Path cert, Path key, Path ca) throws BadTlsFile {
        byte[] certPem = bytes("certFile", cert);
        byte[] keyPem = bytes("keyFile", key);
        byte[] caPem = ca == null ? null : bytes("adminClientCa", ca);
        return check(certPem, keyPem, caPem);
    }

    /** Checks bytes read from the files. */
    public static PemMaterial check(byte[] certPem, byte[] keyPem, byte[] caPem) throws BadTlsFile {
        List<X509Certificate> chain = certificates("certFile", certPem);
        X509Certificate leaf = chain.get(0);
        PrivateKey key = privateKey(keyPem, certPem);
        if (!belongTogether(key, leaf)) {
            throw new BadTlsFile(
                    "keyFile",
                    "the private key does not match the certificate ("
                            + leaf.getSubjectX500Principal().getName() + ")");
        }
        try {
            leaf.checkValidity();
        } catch (CertificateException e) {
            throw new BadTlsFile(
                    "certFile",
                    "the certificate (" + leaf.getSubjectX500Principal().getName() + ") is valid only from "
                            + leaf.getNotBefore().toInstant() + " to "
                            + leaf.getNotAfter().toInstant());
        }
        if (caPem != null) {
            certificates("adminClientCa", caPem);
        }
        return new PemMaterial(certPem, keyPem, caPem, List.copyOf(chain), key);
    }

    /** The server certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Key and chain for the TLS engine. */
    PemKeyManager keyManager() {
        return new PemKeyManager(privateKey, chain.toArray(new X509Certificate[0]));
    }

    /** Whether these are the same files' contents as {@code other}'s. */
    public boolean sameFiles(byte[] cert, byte[] key, byte[] ca) {
        return Arrays.equals(certPem, cert) && Arrays.equals(keyPem, key) && Arrays.equals(caPem, ca);
    }

    /** Subject, serial and expiry of the server certificate, for logs. */
    public String describe() {
        X509Certificate leaf = leaf();
        return leaf.getSubjectX500Principal().getName() + " (serial "
                + leaf.getSerialNumber().toString(16) + ", valid until "
                + leaf.getNotAfter().toInstant() + ")";
    }

    static byte[] bytes(String setting, Path file) throws BadTlsFile {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadTlsFile(setting, file + " is not a readable file");
        }
    }

    private static List<X509Certificate> certificates(String setting, byte[] pem) throws BadTlsFile {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c :
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new BadTlsFile(setting, "holds no PEM certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw new BadTlsFile(setting, "is not a PEM certificate file: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(byte[] keyPem, byte[] certPem) throws BadTlsFile {
        if (!new String(keyPem, StandardCharsets.US_ASCII).contains("PRIVATE KEY-----")) {
            throw new BadTlsFile("keyFile", "holds no PEM private key");
        }
        PrivateKey pkcs8 = pkcs8(new String(keyPem, StandardCharsets.US_ASCII));
        if (pkcs8 != null) {
            return pkcs8;
        }
        // PKCS#1 RSA and SEC1 EC keys: Vert.x's parser (slower: it goes through a PKCS#12 key store)
        try {
            KeyStore store =
                    KeyStoreHelper.loadKeyCert(List.of(Buffer.buffer(keyPem)), List.of(Buffer.buffer(certPem)));
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return (PrivateKey) store.getKey(alias, KeyStoreHelper.DUMMY_PASSWORD.toCharArray());
                }
            }
            throw new BadTlsFile("keyFile", "holds no private key");
        } catch (BadTlsFile e) {
            throw e;
        } catch (Exception e) {
            throw new BadTlsFile("keyFile", "is not a usable PEM private key: " + e.getMessage());
        }
    }

    /** A PKCS#8 key ({@code BEGIN PRIVATE KEY}, what openssl writes by default), parsed directly; else null. */
    private static PrivateKey pkcs8(String pem) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        return null;
    }

    /** Signs a few bytes with the key and verifies them with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        byte[] probe = "meridian".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
