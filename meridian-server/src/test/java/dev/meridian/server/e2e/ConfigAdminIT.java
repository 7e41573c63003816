package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model groups set through the admin API: stored only when the whole configuration with them passes config check,
 * in force at once on this replica (and after a restart, read from the database), audited, and removable.
 */
class ConfigAdminIT {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayFixture gateway;
    private AdminClient admin;

    @BeforeEach
    void start() {
        gateway = GatewayFixture.startWith("", "", "", GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        Poll.until(() -> admin.get("/plans").status() == 200, "the database is open");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aGroupPut_isInForceAtItsPrice_auditedAndKeptOverARestart() throws Exception {
        Answer put = admin.put(
                "/config/models/fresh",
                "{\"provider\":\"sim-openai\",\"model\":\"gpt-4o-mini\",\"price\":{\"input\":100,\"output\":200}}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.text("source")).isEqualTo("admin");
        HttpResponse<String> r = gateway.post("/v1/chat/completions", CHAT.formatted("fresh"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode usage = new ObjectMapper().readTree(r.body()).path("usage");
        assertThat(Double.parseDouble(
                        r.headers().firstValue("x-meridian-cost-usd").orElseThrow()))
                .isCloseTo(
                        (usage.path("prompt_tokens").asLong() * 100.0
                                        + usage.path("completion_tokens").asLong() * 200.0)
                                / 1_000_000,
                        within(1e-9));
        JsonNode status = admin.get("/config").json();
        assertThat(status.path("admin_models").toString()).isEqualTo("[\"fresh\"]");
        assertThat(status.path("last_reload").path("trigger").asText()).isEqualTo("admin");
        assertThat(admin.get("/audit?limit=100").body()).contains("config.model.set");

        gateway = gateway.restarted(); // closed by stop()
        Poll.until(
                () -> gateway.post("/v1/chat/completions", CHAT.formatted("fresh"))
                                .statusCode()
                        == 200,
                "the stored group is in force once the database opens");
    }

    @Test
    void anInvalidGroup_isRefusedWhole_withEveryProblem_andNothingIsStored() {
        Answer put =
                admin.put("/config/models/bad", "{\"provider\":\"nowhere\",\"model\":\"x\",\"strategy\":\"sideways\"}");

        assertThat(put.status()).isEqualTo(400);
        assertThat(put.errorParam()).isIn("provider", "strategy");
        String message = put.json().path("error").path("message").asText();
        assertThat(message)
                .contains("models.bad.provider: no provider named 'nowhere'")
                .contains("models.bad.strategy");
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("bad")).statusCode())
                .isEqualTo(404);
        assertThat(admin.get("/config").json().path("admin_models")).isEmpty();
    }

    @Test
    void aFileGroupOverridden_thenDeleted_comesBackAsTheFileHasIt() {
        assertThat(admin.put("/config/models/gpt", "{\"provider\":\"sim-openai\",\"model\":\"gpt-4o\"}")
                        .status())
                .isEqualTo(200);
        assertThat(upstreamModel("gpt")).isEqualTo("gpt-4o");

        Answer deleted = admin.delete("/config/models/gpt");

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(upstreamModel("gpt")).isEqualTo("gpt-4o-mini");
        assertThat(admin.delete("/config/models/gpt").status()).isEqualTo(404);
        Answer badName = admin.put("/config/models/bad%21name", "{}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.errorParam()).isEqualTo("name");
    }

    private String upstreamModel(String group) {
        for (JsonNode row : admin.get("/prices").json().path("data")) {
            if (row.path("model").asText().equals(group)) {
                return row.path("upstream_model").asText();
            }
        }
        return null;
    }
}
