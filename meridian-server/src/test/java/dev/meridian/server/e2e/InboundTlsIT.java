package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.meridian.server.tls.CertificateReloader;
import dev.meridian.server.tls.TestPki;
import dev.meridian.testkit.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The gateway over HTTPS with real certificates: HTTP/1.1 and HTTP/2 by ALPN, TLS 1.2 and 1.3 only, the official
 * OpenAI SDK, certificate rotation without a restart (a broken replacement keeps the old certificate), and mutual
 * TLS for the admin API only.
 */
class InboundTlsIT {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static TestPki.Issued first;
    private static TestPki.Issued client;
    private static Path certFile;
    private static Path keyFile;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws IOException {
        pki = TestPki.create(dir);
        first = pki.server("gateway-one");
        client = pki.client("ops-admin");
        certFile = dir.resolve("live.pem");
        keyFile = dir.resolve("live.key");
        Files.copy(first.cert(), certFile);
        Files.copy(first.key(), keyFile);
        gateway = GatewayFixture.startWithServer(
                """
                  tls:
                    certFile: %s
                    keyFile: %s
                    adminClientCa: %s
                    reloadInterval: 200ms
                """.formatted(certFile, keyFile, pki.caCert()), GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String url(String path) {
        return "https://localhost:" + gateway.server().port() + path;
    }

    private static HttpClient https(HttpClient.Version version, SSLContext context) {
        return HttpClient.newBuilder()
                .version(version)
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<String> get(HttpClient http, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void https_withHttp11_answers() throws Exception {
        HttpResponse<String> r =
                get(https(HttpClient.Version.HTTP_1_1, pki.context(null)), "/v1/models", GatewayFixture.KEY);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).contains("\"gpt\"");
    }

    @Test
    void https_negotiatesHttp2_byAlpn() throws Exception {
        HttpResponse<String> r =
                get(https(HttpClient.Version.HTTP_2, pki.context(null)), "/v1/models", GatewayFixture.KEY);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void tls12And13_areAccepted_olderProtocolsAreRefused() throws Exception {
        assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
        assertThat(handshake("TLSv1.2")).isEqualTo("TLSv1.2");

        // The JDK's own client will not even offer TLS 1.1; openssl, told to, does.
        assertThat(openssl("-tls1_2")).as("control: openssl can connect").contains("New, TLSv1.2, Cipher is ECDHE");
        String old = openssl("-tls1_1");
        assertThat(old).contains("alert protocol version", "no peer certificate available", "Cipher is (NONE)");
    }

    @Test
    void theOfficialOpenAiSdk_worksOverHttps() {
        OpenAIClient sdk = OpenAIOkHttpClient.builder()
                .baseUrl(url("/v1"))
                .apiKey(GatewayFixture.KEY)
                .sslSocketFactory(pki.context(null).getSocketFactory())
                .trustManager(pki.trustManager())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();

        ChatCompletion c = sdk.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt")
                        .addUserMessage("over https")
                        .build());

        assertThat(c.choices().get(0).message().content().orElseThrow()).contains("over https");
    }

    @Test
    void theAdminApi_needsAClientCertificate_theApiDoesNot() throws Exception {
        HttpClient anonymous = https(HttpClient.Version.HTTP_2, pki.context(null));
        HttpResponse<String> refused = get(anonymous, "/admin/v1/tenants", GatewayFixture.ADMIN_KEY);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"type\":\"permission_error\"", "client certificate");
        assertThat(get(anonymous, "/admin/v1/openapi.json", null).statusCode()).isEqualTo(403);
        assertThat(get(anonymous, "/v1/models", GatewayFixture.KEY).statusCode())
                .isEqualTo(200);

        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient withCertificate = https(version, pki.context(client));
            HttpResponse<String> ok = get(withCertificate, "/admin/v1/tenants", GatewayFixture.ADMIN_KEY);
            assertThat(ok.statusCode()).as(version.name()).isEqualTo(200);
            assertThat(ok.version()).isEqualTo(version);
        }
    }

    @Test
    void aClientCertificateFromAnotherCa_isNotAccepted() throws Exception {
        TestPki stranger = pki.otherCa("Stranger CA");
        // Trusts the gateway's CA and holds a certificate the admin client CA did not sign: the gateway asks only
        // for certificates of its admin CA, so the client has none to present, and the admin API refuses it.
        SSLContext context = pki.context(stranger.client("intruder"));

        HttpResponse<String> r =
                get(https(HttpClient.Version.HTTP_1_1, context), "/admin/v1/tenants", GatewayFixture.ADMIN_KEY);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("permission_error");
    }

    @Test
    void aPresentedCertificateFromAnotherCa_failsTheHandshake() throws Exception {
        TestPki.Issued intruder = pki.otherCa("Rogue CA").client("rogue");
        String request = "GET /admin/v1/tenants HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer "
                + GatewayFixture.ADMIN_KEY + "\r\nconnection: close\r\n\r\n";

        String withRogue = sClient(
                request,
                "-tls1_3",
                "-cert",
                intruder.cert().toString(),
                "-key",
                intruder.key().toString());
        String withOurs = sClient(
                request,
                "-tls1_3",
                "-cert",
                client.cert().toString(),
                "-key",
                client.key().toString());

        assertThat(withRogue).doesNotContain("HTTP/1.1 200").doesNotContain("HTTP/1.1 403");
        assertThat(withRogue).containsAnyOf("alert certificate unknown", "alert bad certificate", "alert unknown ca");
        assertThat(withOurs)
                .as("control: a certificate of the admin CA is let in")
                .contains("HTTP/1.1 200");
    }

    @Test
    void aNewCertificate_isServedToNewConnections_withoutARestart_andABrokenOneIsNot() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(CertificateReloader.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (SSLSocket open = socket("TLSv1.3")) {
            assertThat(serial(open)).isEqualTo(first.serial());
            TestPki.Issued second = pki.server("gateway-two");

            replace(second.cert(), certFile);
            replace(second.key(), keyFile);

            Poll.until(() -> servedSerial() == second.serial(), "new connections get the new certificate");
            assertThat(subject()).isEqualTo("CN=gateway-two");
            assertThat(request(open)).as("the open connection keeps working").startsWith("HTTP/1.1 200");

            // A key that does not belong to the certificate: logged, and the current certificate stays.
            TestPki.Issued third = pki.server("gateway-three");
            replace(third.cert(), certFile);
            Poll.until(
                    () -> messages(lines).stream()
                            .anyMatch(m -> m.contains("server.tls.keyFile")
                                    && m.contains("does not match the certificate (CN=gateway-three)")
                                    && m.contains("still serving CN=gateway-two")),
                    "the broken replacement is reported");
            assertThat(servedSerial()).isEqualTo(second.serial());

            replace(third.key(), keyFile);
            Poll.until(() -> servedSerial() == third.serial(), "the completed replacement is served");
        } finally {
            log.detachAppender(lines);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> lines) {
        synchronized (lines.list) {
            List<String> out = new ArrayList<>();
            lines.list.forEach(e -> out.add(e.getFormattedMessage()));
            return out;
        }
    }

    /** Writes beside the target, then renames over it: how a rotation should replace a file. */
    private static void replace(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String handshake(String protocol) throws IOException {
        try (SSLSocket s = socket(protocol)) {
            return s.getSession().getProtocol();
        }
    }

    private static SSLSocket socket(String protocol) throws IOException {
        SSLSocket s = (SSLSocket) pki.context(null)
                .getSocketFactory()
                .createSocket("localhost", gateway.server().port());
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static int servedSerial() {
        try (SSLSocket s = socket("TLSv1.3")) {
            return serial(s);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String subject() throws IOException {
        try (SSLSocket s = socket("TLSv1.2")) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        }
    }

    private static int serial(SSLSocket s) throws IOException {
        return ((X509Certificate) s.getSession().getPeerCertificates()[0])
                .getSerialNumber()
                .intValue();
    }

    private static String request(SSLSocket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    private static String openssl(String protocol) throws Exception {
        return sClient("", protocol, "-cipher", "DEFAULT@SECLEVEL=0");
    }

    /** Runs {@code openssl s_client} against the gateway, sends {@code input}, and returns all it printed. */
    private static String sClient(String input, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + gateway.server().port(),
                "-servername",
                "localhost",
                "-CAfile",
                pki.caCert().toString(),
                "-ign_eof"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return output;
    }
}
