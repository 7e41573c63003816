package dev.meridian.server.config;

import dev.meridian.server.tls.BadTlsFile;
import dev.meridian.server.tls.PemMaterial;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks {@code server.tls}: both files set, readable, a certificate and its own private key, the certificate
 * valid now (an expired or not yet valid certificate fails: every client would refuse it), and a readable client
 * CA. Reading two small files and one signature: a millisecond or two at start.
 */
final class TlsValidator {

    private TlsValidator() {}

    static void tls(TlsConfig tls, List<String> problems) {
        if (tls.certFile() == null && tls.keyFile() == null) {
            if (tls.adminClientCa() != null) {
                problems.add("server.tls.adminClientCa: mutual TLS needs server.tls.certFile and keyFile");
            }
            return;
        }
        if (tls.certFile() == null || tls.keyFile() == null) {
            String missing = tls.certFile() == null ? "certFile" : "keyFile";
            problems.add("server.tls." + missing + ": required with server.tls."
                    + (tls.certFile() == null ? "keyFile" : "certFile"));
            return;
        }
        if (tls.reloadInterval().toMillis() < 100) {
            problems.add("server.tls.reloadInterval: must be at least 100ms");
        }
        try {
            PemMaterial.read(
                    Path.of(tls.certFile()),
                    Path.of(tls.keyFile()),
                    tls.adminClientCa() == null ? null : Path.of(tls.adminClientCa()));
        } catch (BadTlsFile e) {
            problems.add("server.tls." + e.setting() + ": " + e.getMessage());
        }
    }
}
