package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.KnownSecrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider credentials through the admin API (issue 14, item 3): stored encrypted under the master key, sent upstream
 * from the next call on, never returned, audited without the secret, and refused without a master key.
 */
class ProviderCredentialIT {
    private static final String STORED = KnownSecrets.STORED_PROVIDER_KEY;
    private static final String PATH = "/providers/sim-openai/credential";

    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithEnv(Map.of("MERIDIAN_MASTER_KEY", KnownSecrets.MASTER_KEY));
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void configuredCredential() {
        admin.delete(PATH);
        gateway.simulator().clearReceived();
    }

    private String authorizationOfTheNextCall() {
        gateway.simulator().clearReceived();
        assertThat(admin.chat(GatewayFixture.KEY, "gpt").status()).isEqualTo(200);
        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received).hasSize(1);
        return received.get(0).header("authorization").orElseThrow();
    }

    private String storedColumn() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:sqlite:" + gateway.home().resolve("meridian.db"));
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT api_key FROM provider_credential WHERE provider = 'sim-openai'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aStoredCredential_isSentUpstreamFromTheNextCall_andRemovingItRestoresTheConfiguredOne() throws Exception {
        assertThat(authorizationOfTheNextCall()).isEqualTo("Bearer " + KnownSecrets.OPENAI_KEY);

        AdminClient.Answer set = admin.call("PUT", PATH, "{\"api_key\":\"" + STORED + "\"}");

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.text("source")).isEqualTo("admin");
        assertThat(set.text("key_id")).matches("[0-9a-f]{8}");
        assertThat(set.body()).doesNotContain(STORED).doesNotContain(KnownSecrets.OPENAI_KEY);
        assertThat(authorizationOfTheNextCall()).isEqualTo("Bearer " + STORED);

        assertThat(storedColumn()).startsWith("mk1:" + set.text("key_id") + ":").doesNotContain(STORED);
        AdminClient.Answer read = admin.get(PATH);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("source")).isEqualTo("admin");
        assertThat(read.text("updated_by")).isEqualTo("admin-key");
        assertThat(read.body()).doesNotContain(STORED);

        AdminClient.Answer removed = admin.delete(PATH);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(authorizationOfTheNextCall()).isEqualTo("Bearer " + KnownSecrets.OPENAI_KEY);
        assertThat(admin.get(PATH).text("source")).isEqualTo("config");
        assertThat(storedColumn()).isNull();
    }

    @Test
    void changes_areAudited_withoutTheSecret() {
        admin.call("PUT", PATH, "{\"api_key\":\"" + STORED + "\"}");
        admin.delete(PATH);

        AdminClient.Answer audit = admin.get("/audit?limit=20");

        assertThat(audit.body())
                .contains("provider.credential.set")
                .contains("provider.credential.delete")
                .doesNotContain(STORED);
    }

    @Test
    void badInput_isAClear4xx_withTheParameterNamed() {
        AdminClient.Answer unknown = admin.call("PUT", "/providers/no-such/credential", "{\"api_key\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorParam()).isEqualTo("name");

        AdminClient.Answer blank = admin.call("PUT", PATH, "{\"api_key\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorParam()).isEqualTo("api_key");

        AdminClient.Answer headerSplitting = admin.call("PUT", PATH, "{\"api_key\":\"sk-a\\r\\nX-Evil: 1\"}");
        assertThat(headerSplitting.status()).isEqualTo(400);
        assertThat(headerSplitting.errorParam()).isEqualTo("api_key");
        assertThat(headerSplitting.body()).doesNotContain("X-Evil");

        AdminClient.Answer tooLong = admin.call("PUT", PATH, "{\"api_key\":\"" + "k".repeat(4097) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);

        AdminClient.Answer missing = admin.call("PUT", PATH, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorParam()).isEqualTo("api_key");

        AdminClient.Answer wrongName = admin.call("PUT", PATH, "{\"apiKey\":\"" + STORED + "\"}");
        assertThat(wrongName.status()).isEqualTo(400);
        assertThat(wrongName.body()).doesNotContain(STORED);

        AdminClient.Answer nothingToDelete = admin.delete(PATH);
        assertThat(nothingToDelete.status()).isEqualTo(404);

        AdminClient.Answer noKey = admin.as(null).call("PUT", PATH, "{\"api_key\":\"" + STORED + "\"}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body()).doesNotContain(STORED);
    }

    @Test
    void encryptionStatus_countsTheCredentialUnderTheCurrentKey() {
        admin.call("PUT", PATH, "{\"api_key\":\"" + STORED + "\"}");

        AdminClient.Answer status = admin.get("/security/encryption");

        assertThat(status.status()).isEqualTo(200);
        String current = status.text("current_key_id");
        assertThat(current).matches("[0-9a-f]{8}");
        assertThat(status.json()
                        .path("columns")
                        .path("provider_credential.api_key")
                        .path("by_key_id")
                        .path(current)
                        .asLong())
                .isEqualTo(1);
        assertThat(status.json().path("key_ids_in_use").toString()).contains(current);
        assertThat(status.body()).doesNotContain(KnownSecrets.MASTER_KEY);
    }

    @Test
    void withoutAMasterKey_aStartWarnsThatTheBodiesTenantsKeepAreInTheClear() {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(dev.meridian.server.secrets.Reencryption.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        GatewayFixture plain = GatewayFixture.startWithEnv(Map.of());
        try {
            AdminClient plainAdmin = new AdminClient(plain, GatewayFixture.ADMIN_KEY);
            dev.meridian.testkit.Poll.until(
                    () -> plainAdmin
                                    .post("/tenants", "{\"name\":\"keeps-bodies\",\"store_bodies\":true}")
                                    .status()
                            == 201,
                    "the database is open");
            plain = plain.restarted();
            dev.meridian.testkit.Poll.until(
                    () -> lines.list.stream()
                            .anyMatch(e -> e.getFormattedMessage()
                                    .contains("MERIDIAN_MASTER_KEY is not set: the bodies that tenants with"
                                            + " store_bodies keep")),
                    "the start warns");
        } finally {
            log.detachAppender(lines);
            plain.close();
        }
    }

    @Test
    void withoutAMasterKey_aCredentialIsRefusedWith409() {
        try (GatewayFixture plain = GatewayFixture.startWithEnv(Map.of())) {
            AdminClient.Answer refused = new AdminClient(plain, GatewayFixture.ADMIN_KEY)
                    .call("PUT", PATH, "{\"api_key\":\"" + STORED + "\"}");

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errorCode()).isEqualTo("master_key_required");
            assertThat(refused.body()).contains("MERIDIAN_MASTER_KEY").doesNotContain(STORED);
        }
    }
}
