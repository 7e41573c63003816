package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL: a key issued through one replica's admin API works on the other, and its
 * revocation, or the suspension of its tenant, stops it on the other replica within seconds, with no restart.
 */
class MultiReplicaIT {

    private PostgresSchema schema;
    private GatewayFixture first;
    private GatewayFixture second;

    @BeforeEach
    void start() throws SQLException {
        schema = PostgresSchema.create("t_replicas");
        String storage = GatewayFixture.SINGLE_ATTEMPT + schema.storageYaml(5432);
        first = GatewayFixture.startWith("", "", storage, GatewayFixture.ADMIN_KEY);
        second = GatewayFixture.startWith("", "", storage, GatewayFixture.ADMIN_KEY);
    }

    @AfterEach
    void stop() throws SQLException {
        first.close();
        second.close();
        schema.close();
    }

    private static int chat(GatewayFixture gateway, String key) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build())
                .statusCode();
    }

    @Test
    void revocationAndSuspensionThroughOneReplica_takeEffectOnTheOtherWithinSeconds() throws Exception {
        AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
        String tenant = admin.tenantOnceOpen("acme", "enterprise");
        AdminClient.Answer key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}");
        AdminClient.Answer other = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"other\"}");
        String secret = key.text("secret");
        String otherSecret = other.text("secret");

        Poll.until(() -> chat(second, secret) == 200, "the key works on the other replica");
        assertThat(chat(second, otherSecret)).isEqualTo(200);

        assertThat(admin.post("/tenants/" + tenant + "/keys/" + key.text("id") + "/revoke", null)
                        .status())
                .isEqualTo(200);
        long revokedAt = System.nanoTime();
        Poll.until(() -> chat(second, secret) == 401, "the revoked key is refused by the other replica");
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));

        assertThat(admin.patch("/tenants/" + tenant, "{\"status\":\"suspended\"}")
                        .status())
                .isEqualTo(200);
        Poll.until(() -> chat(second, otherSecret) == 403, "the suspended tenant is refused by the other replica");
    }

    @Test
    void aBudgetSetThroughOneReplica_isEnforcedByTheOtherWithinSeconds() throws Exception {
        AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
        String tenant = admin.tenantOnceOpen("budgeted", "enterprise");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}").text("secret");
        Poll.until(() -> chat(second, secret) == 200, "the key works on the other replica");

        AdminClient.Answer budget = admin.post(
                "/tenants/" + tenant + "/budgets",
                "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":0.000001}");
        assertThat(budget.status()).as(budget.toString()).isEqualTo(201);
        long setAt = System.nanoTime();
        Poll.until(() -> chat(second, secret) == 429, "the other replica refuses what the new budget cannot hold");
        assertThat(Duration.ofNanos(System.nanoTime() - setAt)).isLessThan(Duration.ofSeconds(5));

        assertThat(admin.delete("/tenants/" + tenant + "/budgets/" + budget.text("id"))
                        .status())
                .isEqualTo(200);
        Poll.until(() -> chat(second, secret) == 200, "the other replica stops enforcing the deleted budget");
    }

    @Test
    void planChangeThroughOneReplica_takesEffectOnTheOtherWithinSeconds() {
        AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
        String plan = "{\"name\":\"team\",\"monthly_tokens\":1000000,\"monthly_cost_limit_usd\":10,"
                + "\"requests_per_minute\":1000,\"models\":[\"gpt\"]}";
        Poll.until(() -> admin.post("/plans", plan).status() == 201, "the database is open");
        String tenant = admin.post("/tenants", "{\"name\":\"planned\",\"plan\":\"team\"}")
                .text("id");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}").text("secret");
        Poll.until(() -> chat(second, secret) == 200, "the plan's model works on the other replica");

        assertThat(admin.patch("/plans/team", "{\"models\":[\"claude\"]}").status())
                .isEqualTo(200);
        long changedAt = System.nanoTime();
        Poll.until(() -> chat(second, secret) == 403, "the other replica refuses the model the plan dropped");
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(5));
    }
}
