package dev.meridian.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throw-away certificate authority for tests, made with the {@code openssl} and {@code keytool} commands: a CA,
 * server certificates for localhost signed by it (EC P-256, PEM), client certificates, and an expired one.
 */
public final class TestPki {

    private final Path dir;
    private final Path caCert;
    private final Path caKey;
    private int serial = 0x1000;

    private TestPki(Path dir, String caName) {
        this.dir = dir;
        this.caCert = dir.resolve(caName + ".pem");
        this.caKey = dir.resolve(caName + ".key");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                caKey.toString(),
                "-out",
                caCert.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + caName);
    }

    public static TestPki create(Path dir) {
        return new TestPki(dir, "Meridian Test CA");
    }

    /** Another, unrelated CA in the same directory. */
    public TestPki otherCa(String name) {
        return new TestPki(dir, name);
    }

    public Path caCert() {
        return caCert;
    }

    /** A certificate and key for localhost/127.0.0.1; returns the certificate file, the key is beside it (.key). */
    public Issued server(String name) {
        return issue(name, "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }

    /** Like {@link #server}, with an RSA key written in the traditional PKCS#1 form ({@code RSA PRIVATE KEY}). */
    public Issued serverRsaPkcs1(String name) {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
        run("openssl", "req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-set_serial",
                String.valueOf(++serial),
                "-days",
                "1",
                "-out",
                cert.toString());
        return new Issued(cert, key, serial);
    }

    /** A client certificate (extended key usage clientAuth). */
    public Issued client(String name) {
        return issue(name, "extendedKeyUsage=clientAuth\n");
    }

    private Issued issue(String name, String extensions) {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        write(ext, extensions);
        run(
                "openssl",
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=" + name);
        run(
                "openssl",
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-set_serial",
                String.valueOf(++serial),
                "-days",
                "1",
                "-extfile",
                ext.toString(),
                "-out",
                cert.toString());
        return new Issued(cert, key, serial);
    }

    /** A self-signed certificate for localhost that expired yesterday, with its key, as PEM. */
    public Issued expired(String name) {
        Path store = dir.resolve(name + ".p12");
        run(
                "keytool",
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "x",
                "-keyalg",
                "EC",
                "-dname",
                "CN=" + name,
                "-startdate",
                "-3d",
                "-validity",
                "1");
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, "changeit".toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey("x", "changeit".toCharArray());
            X509Certificate cert = (X509Certificate) ks.getCertificate("x");
            Path certFile = dir.resolve(name + ".pem");
            Path keyFile = dir.resolve(name + ".key");
            write(certFile, pem("CERTIFICATE", cert.getEncoded()));
            write(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new Issued(certFile, keyFile, cert.getSerialNumber().intValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context trusting this CA, presenting {@code client} when not null. */
    public SSLContext context(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates(caCert).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                Path p12 = dir.resolve("client-" + client.serial() + ".p12");
                run(
                        "openssl",
                        "pkcs12",
                        "-export",
                        "-in",
                        client.cert().toString(),
                        "-inkey",
                        client.key().toString(),
                        "-out",
                        p12.toString(),
                        "-passout",
                        "pass:changeit");
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12)) {
                    keys.load(in, "changeit".toCharArray());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "changeit".toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trust manager of {@link #context}, for clients that take one (OkHttp). */
    public X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates(caCert).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate file and its key file. */
    public record Issued(Path cert, Path key, int serial) {

        public byte[] certBytes() {
            return read(cert);
        }

        public byte[] keyBytes() {
            return read(key);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
