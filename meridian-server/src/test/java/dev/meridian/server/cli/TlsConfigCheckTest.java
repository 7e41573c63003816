package dev.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian config check} on {@code server.tls}: every unusable file is reported with its key. */
class TlsConfigCheckTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static TestPki.Issued server;
    private static TestPki.Issued other;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
        server = pki.server("gateway");
        other = pki.server("other");
    }

    private static CommandRun check(String tlsLines) throws Exception {
        Path file = Files.writeString(dir.resolve("tls.yaml"), "server:\n  tls:\n" + tlsLines);
        return CommandRun.of("config", "check", "--config", file.toString());
    }

    @Test
    void aCertificateWithItsKeyAndAClientCa_passes() throws Exception {
        CommandRun r = check("    certFile: %s\n    keyFile: %s\n    adminClientCa: %s\n"
                .formatted(server.cert(), server.key(), pki.caCert()));

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void missingFilesAndAWrongKey_areNamed() throws Exception {
        CommandRun missing = check("    certFile: %s\n    keyFile: %s\n    adminClientCa: %s\n"
                .formatted(dir.resolve("gone.pem"), server.key(), dir.resolve("gone-ca.pem")));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("server.tls.certFile: " + dir.resolve("gone.pem") + " is not a readable");

        CommandRun wrongKey = check("    certFile: %s\n    keyFile: %s\n".formatted(server.cert(), other.key()));
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("server.tls.keyFile: the private key does not match the certificate");

        CommandRun badCa = check("    certFile: %s\n    keyFile: %s\n    adminClientCa: %s\n"
                .formatted(server.cert(), server.key(), dir.resolve("gone-ca.pem")));
        assertThat(badCa.err()).contains("server.tls.adminClientCa: ");
    }

    @Test
    void halfASetting_isNamed() throws Exception {
        assertThat(check("    certFile: %s\n".formatted(server.cert())).err())
                .contains("server.tls.keyFile: required with server.tls.certFile");
        assertThat(check("    adminClientCa: %s\n".formatted(pki.caCert())).err())
                .contains("server.tls.adminClientCa: mutual TLS needs server.tls.certFile and keyFile");
    }

    @Test
    void anExpiredCertificate_failsTheCheck() throws Exception {
        TestPki.Issued expired = pki.expired("expired");

        CommandRun r = check("    certFile: %s\n    keyFile: %s\n".formatted(expired.cert(), expired.key()));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.tls.certFile: the certificate (CN=expired) is valid only from");
    }
}
