package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL database: a model group set or removed through one replica's admin API is in force
 * on the other within its store-change poll, with no restart.
 */
class ConfigAdminReplicasIT {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private PostgresSchema schema;
    private GatewayFixture first;
    private GatewayFixture second;

    @BeforeEach
    void start() throws SQLException {
        schema = PostgresSchema.create("t_cfgoverlay");
        String storage = schema.storageYaml(5432);
        first = GatewayFixture.startWith("", "", storage, GatewayFixture.ADMIN_KEY);
        second = GatewayFixture.startWith("", "", storage, GatewayFixture.ADMIN_KEY);
    }

    @AfterEach
    void stop() throws SQLException {
        first.close();
        second.close();
        schema.close();
    }

    @Test
    void aGroupSetOnOneReplica_servesOnTheOther_andItsRemovalToo() {
        AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
        Poll.until(() -> admin.get("/plans").status() == 200, "the database is open");
        assertThat(second.post("/v1/chat/completions", CHAT.formatted("fresh")).statusCode())
                .isEqualTo(404);

        assertThat(admin.put("/config/models/fresh", "{\"provider\":\"sim-openai\",\"model\":\"gpt-4o-mini\"}")
                        .status())
                .isEqualTo(200);

        Poll.until(
                () -> second.post("/v1/chat/completions", CHAT.formatted("fresh"))
                                .statusCode()
                        == 200,
                "the other replica serves the group");

        assertThat(admin.delete("/config/models/fresh").status()).isEqualTo(200);

        Poll.until(
                () -> second.post("/v1/chat/completions", CHAT.formatted("fresh"))
                                .statusCode()
                        == 404,
                "the other replica drops it");
    }
}
