package dev.meridian.server.tls;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate rotation without a restart: every few seconds, on a worker thread, reads the certificate, key and
 * client CA files; when their contents changed and the new material passes {@link PemMaterial#check}, hands it to
 * every listener with {@code updateSSLOptions}. New connections get the new certificate; open ones keep theirs.
 * New contents that fail the check are logged once and the current certificate stays (a rotation that writes the
 * certificate and the key one after the other is applied once both are written).
 */
public final class CertificateReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final Vertx vertx;
    private final Path cert;
    private final Path key;
    private final Path ca;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final long timer;
    /** What the listeners serve now. */
    private volatile PemMaterial current;
    /** Contents last found unusable, so a bad file is reported once, not every interval. */
    private byte[][] rejected;

    /** Reads and checks the files, and watches them every {@code interval}; {@code ca} may be null. */
    public static CertificateReloader start(Vertx vertx, String cert, String key, String ca, Duration interval)
            throws BadTlsFile {
        Path certFile = Path.of(cert);
        Path keyFile = Path.of(key);
        Path caFile = ca == null ? null : Path.of(ca);
        PemMaterial material = PemMaterial.read(certFile, keyFile, caFile);
        return new CertificateReloader(vertx, material, certFile, keyFile, caFile, interval);
    }

    /** {@code material} is what the listeners were started with; {@code ca} may be null. */
    CertificateReloader(Vertx vertx, PemMaterial material, Path cert, Path key, Path ca, Duration interval) {
        this.vertx = vertx;
        this.current = material;
        this.cert = cert;
        this.key = key;
        this.ca = ca;
        this.timer = vertx.setPeriodic(
                interval.toMillis(),
                id -> vertx.executeBlocking(
                        () -> {
                            check();
                            return null;
                        },
                        true));
    }

    /**
     * Adds a listener to keep current; {@code startedWith} is the material it was started with, and it is brought
     * up to date at once if a reload came in between.
     */
    public void serve(HttpServer server, PemMaterial startedWith) {
        servers.add(server);
        PemMaterial now = current;
        if (now != startedWith) {
            server.updateSSLOptions(ServerTls.update(now), true);
        }
    }

    /** The material being served. */
    public PemMaterial current() {
        return current;
    }

    private void check() {
        byte[] certPem;
        byte[] keyPem;
        byte[] caPem;
        try {
            certPem = PemMaterial.bytes("certFile", cert);
            keyPem = PemMaterial.bytes("keyFile", key);
            caPem = ca == null ? null : PemMaterial.bytes("adminClientCa", ca);
        } catch (BadTlsFile e) {
            // Mid-rotation (a file renamed away) or gone: keep serving; say so if it lasts.
            report(new byte[][] {}, e);
            return;
        }
        if (current.sameFiles(certPem, keyPem, caPem)) {
            return;
        }
        byte[][] seen = {certPem, keyPem, caPem};
        if (rejected != null && Arrays.deepEquals(rejected, seen)) {
            return;
        }
        PemMaterial next;
        try {
            next = PemMaterial.check(certPem, keyPem, caPem);
        } catch (BadTlsFile e) {
            report(seen, e);
            return;
        }
        rejected = null;
        current = next;
        for (HttpServer server : servers) {
            server.updateSSLOptions(ServerTls.update(next), true)
                    .onFailure(e -> LOG.warn("tls: the listener did not take the new certificate: {}", e.toString()));
        }
        LOG.info("tls: new certificate in use for new connections: {}", next.describe());
    }

    private void report(byte[][] seen, BadTlsFile e) {
        if (rejected != null && Arrays.deepEquals(rejected, seen)) {
            return;
        }
        rejected = seen;
        LOG.warn("tls: server.tls.{}: {}; still serving {}", e.setting(), e.getMessage(), current.describe());
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
