package dev.meridian.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the listener accepts as certificate material, at start and on every reload. */
class PemMaterialTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static TestPki.Issued server;
    private static TestPki.Issued other;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
        server = pki.server("gateway.example");
        other = pki.server("other.example");
    }

    @Test
    void aCertificateWithItsKey_isAccepted_andDescribedBySubjectAndSerial() throws Exception {
        PemMaterial m = PemMaterial.read(server.cert(), server.key(), null);

        assertThat(m.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=gateway.example");
        assertThat(m.describe()).contains("CN=gateway.example", Integer.toHexString(server.serial()));
    }

    @Test
    void aTraditionalRsaKey_isAccepted_andItsKeyManagerServesOnlyRsa() throws Exception {
        TestPki.Issued rsa = pki.serverRsaPkcs1("rsa.example");
        assertThat(Files.readString(rsa.key())).contains("BEGIN RSA PRIVATE KEY");

        PemMaterial m = PemMaterial.read(rsa.cert(), rsa.key(), null);

        assertThat(m.privateKey().getAlgorithm()).isEqualTo("RSA");
        PemKeyManager keys = m.keyManager();
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNotNull();
        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
        assertThat(keys.getCertificateChain(keys.chooseEngineServerAlias("RSA", null, null))[0])
                .isEqualTo(m.leaf());
    }

    @Test
    void aChainInTheCertificateFile_isAccepted() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.write(chain, concat(server.certBytes(), Files.readAllBytes(pki.caCert())));

        PemMaterial m = PemMaterial.read(chain, server.key(), null);

        assertThat(m.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=gateway.example");
    }

    @Test
    void aKeyOfAnotherCertificate_isRefused_namingTheKeyFile() {
        assertThatThrownBy(() -> PemMaterial.read(server.cert(), other.key(), null))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("keyFile"))
                .hasMessageContaining("does not match the certificate (CN=gateway.example)");
    }

    @Test
    void aMissingFile_isRefused_namingIt() {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> PemMaterial.read(missing, server.key(), null))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("certFile"))
                .hasMessageContaining("nowhere.pem is not a readable file");
        assertThatThrownBy(() -> PemMaterial.read(server.cert(), server.key(), missing))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("adminClientCa"));
    }

    @Test
    void notPem_isRefused() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate\n");

        assertThatThrownBy(() -> PemMaterial.read(junk, server.key(), null))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("certFile"));
        assertThatThrownBy(() -> PemMaterial.read(server.cert(), junk, null))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("keyFile"))
                .hasMessageContaining("no PEM private key");
    }

    @Test
    void anExpiredCertificate_isRefused_withItsValidity() {
        TestPki.Issued expired = pki.expired("expired.example");

        assertThatThrownBy(() -> PemMaterial.read(expired.cert(), expired.key(), null))
                .isInstanceOfSatisfying(
                        BadTlsFile.class, e -> assertThat(e.setting()).isEqualTo("certFile"))
                .hasMessageContaining("CN=expired.example")
                .hasMessageContaining("is valid only from");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
