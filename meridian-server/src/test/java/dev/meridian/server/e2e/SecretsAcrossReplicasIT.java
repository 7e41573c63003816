package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.RecordedRequest;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas with the same master key on one PostgreSQL: a provider credential set through one replica's admin API
 * is sent upstream by the other within seconds, with no restart; the table holds only its ciphertext.
 */
class SecretsAcrossReplicasIT {
    private static final Map<String, String> KEY = Map.of(KeyRing.CURRENT_ENV, KnownSecrets.MASTER_KEY);

    private PostgresSchema schema;
    private GatewayFixture first;
    private GatewayFixture second;

    @BeforeEach
    void start() throws SQLException {
        schema = PostgresSchema.create("t_secrets");
        String storage = GatewayFixture.SINGLE_ATTEMPT + schema.storageYaml(5432);
        first = GatewayFixture.startWithEnv(KEY, storage);
        second = GatewayFixture.startWithEnv(KEY, storage);
    }

    @AfterEach
    void stop() throws SQLException {
        first.close();
        second.close();
        schema.close();
    }

    private static String authorizationOfTheNextCall(GatewayFixture g) {
        g.simulator().clearReceived();
        assertThat(new AdminClient(g, GatewayFixture.ADMIN_KEY)
                        .chat(GatewayFixture.KEY, "gpt")
                        .status())
                .isEqualTo(200);
        List<RecordedRequest> received = g.simulator().received();
        return received.get(received.size() - 1).header("authorization").orElseThrow();
    }

    @Test
    void aCredentialSetThroughOneReplica_isSentUpstreamByTheOtherWithinSeconds() throws Exception {
        AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
        String body = "{\"api_key\":\"" + KnownSecrets.STORED_PROVIDER_KEY + "\"}";
        Poll.until(
                () -> admin.call("PUT", "/providers/sim-openai/credential", body)
                                .status()
                        == 200,
                "the database is open and the credential stored");
        long setAt = System.nanoTime();

        Poll.until(
                () -> authorizationOfTheNextCall(second).equals("Bearer " + KnownSecrets.STORED_PROVIDER_KEY),
                "the other replica sends the stored credential");
        assertThat(Duration.ofNanos(System.nanoTime() - setAt)).isLessThan(Duration.ofSeconds(5));
        try (Connection c = PostgresSchema.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT api_key FROM " + schema.name() + ".provider_credential")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("mk1:").doesNotContain(KnownSecrets.STORED_PROVIDER_KEY);
        }

        assertThat(admin.delete("/providers/sim-openai/credential").status()).isEqualTo(200);
        Poll.until(
                () -> authorizationOfTheNextCall(second).equals("Bearer " + KnownSecrets.OPENAI_KEY),
                "the other replica goes back to the configured credential");
    }
}
