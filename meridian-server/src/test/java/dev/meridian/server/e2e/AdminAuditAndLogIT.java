package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.admin.AuditTrail;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every admin mutation leaves an audit entry (database and audit.jsonl); the request log answers queries. */
class AdminAuditAndLogIT {

    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void everyMutation_isAudited_withActorBeforeAfterAndSource_inDatabaseAndFile() throws IOException {
        String tenant = admin.post("/tenants", "{\"name\":\"audited\"}").text("id");
        String team =
                admin.post("/tenants/" + tenant + "/teams", "{\"name\":\"t\"}").text("id");
        String user = admin.post(
                        "/tenants/" + tenant + "/users",
                        "{\"email\":\"u@audited.example\",\"name\":\"U\"," + "\"role\":\"admin\"}")
                .text("id");
        admin.patch("/tenants/" + tenant + "/users/" + user, "{\"name\":\"Renamed\"}");
        Answer token = admin.post("/tenants/" + tenant + "/users/" + user + "/tokens", "{}");
        Answer key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}");
        Answer rotated = admin.post("/tenants/" + tenant + "/keys/" + key.text("id") + "/rotate", "{}");
        admin.post("/tenants/" + tenant + "/keys/" + key.text("id") + "/revoke", null);
        admin.patch("/tenants/" + tenant, "{\"status\":\"suspended\"}");
        admin.delete("/tenants/" + tenant + "/teams/" + team);
        AdminClient userAdmin = admin.as(token.text("secret"));
        assertThat(userAdmin
                        .patch("/tenants/" + tenant, "{\"store_bodies\":true}")
                        .status())
                .as("a suspended tenant's users change nothing, so nothing is audited")
                .isEqualTo(403);
        admin.patch("/tenants/" + tenant, "{\"status\":\"active\"}");
        assertThat(userAdmin
                        .patch("/tenants/" + tenant, "{\"store_bodies\":true}")
                        .status())
                .isEqualTo(200);

        Answer audit = admin.get("/tenants/" + tenant + "/audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        audit.json().path("data").forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions)
                .containsExactly(
                        "tenant.update",
                        "tenant.update",
                        "team.delete",
                        "tenant.update",
                        "key.revoke",
                        "key.rotate",
                        "key.create",
                        "admin_token.create",
                        "user.update",
                        "user.create",
                        "team.create",
                        "tenant.create");

        Map<String, JsonNode> byAction = new HashMap<>();
        audit.json()
                .path("data")
                .forEach(e -> byAction.putIfAbsent(e.path("action").asText(), e));
        JsonNode rotate = byAction.get("key.rotate");
        assertThat(rotate.path("actor").asText()).isEqualTo("admin-key");
        assertThat(rotate.path("source_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(rotate.path("before").path("prefix").asText()).isEqualTo(key.text("prefix"));
        assertThat(rotate.path("after").path("prefix").asText()).isEqualTo(rotated.text("prefix"));
        assertThat(byAction.get("tenant.update").path("actor").asText())
                .as("the newest: by the user")
                .isEqualTo(user);
        assertThat(byAction.get("tenant.create").path("before").isNull()).isTrue();
        assertThat(byAction.get("team.delete").path("after").isNull()).isTrue();
        assertThat(byAction.get("user.update").path("before").path("name").asText())
                .isEqualTo("U");
        assertThat(byAction.get("user.update").path("after").path("name").asText())
                .isEqualTo("Renamed");
        assertThat(audit.body())
                .doesNotContain(key.text("secret"))
                .doesNotContain(rotated.text("secret"))
                .doesNotContain(token.text("secret"))
                .doesNotContain("secret_hash");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(gateway.home().resolve(AuditTrail.FILE))) {
            JsonNode chained = Json.parseTrusted(line);
            assertThat(chained.path("hash").asText()).hasSize(64);
            lines.add(((com.fasterxml.jackson.databind.node.ObjectNode) chained)
                    .without(List.of("seq", "prev_hash", "hash")));
        }
        for (JsonNode entry : audit.json().path("data")) {
            assertThat(lines).as("audit.jsonl holds entry " + entry.path("id")).contains(entry);
        }
        assertThat(String.join("\n", Files.readAllLines(gateway.home().resolve(AuditTrail.FILE))))
                .doesNotContain(key.text("secret"))
                .doesNotContain(rotated.text("secret"));

        JsonNode platform = admin.get("/audit?limit=1000").json().path("data");
        assertThat(platform.toString()).contains(tenant).contains("tenant.create");
        Answer page = admin.get("/tenants/" + tenant + "/audit?limit=4");
        assertThat(page.json().path("data")).hasSize(4);
        Answer next = admin.get("/tenants/" + tenant + "/audit?limit=100&cursor=" + page.text("next_cursor"));
        assertThat(next.json().path("data")).hasSize(actions.size() - 4);
        JsonNode chain = admin.get("/audit/verify").json();
        assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("checked").asLong()).isGreaterThanOrEqualTo(actions.size());
        assertThat(admin.call("DELETE", "/tenants/" + tenant + "/audit", null).status())
                .as("never deleted")
                .isEqualTo(405);
    }

    @Test
    void requestsOfTheConfigurationsKeys_haveNoTenant_andTheSuperAdminReadsThemWithTheirCost() {
        HttpResponse<String> answer = gateway.post(
                "/v1/chat/completions", "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(answer.statusCode()).isEqualTo(200);
        String requestId = answer.headers().firstValue("x-request-id").orElseThrow();
        double cost = Double.parseDouble(
                answer.headers().firstValue("x-meridian-cost-usd").orElseThrow());

        Poll.until(() -> admin.get("/requests/" + requestId).status() == 200, "the record arrives");
        Answer record = admin.get("/requests/" + requestId);
        assertThat(record.json().path("tenant_id").isMissingNode()
                        || record.json().path("tenant_id").isNull())
                .as(record.body())
                .isTrue();
        assertThat(record.text("key_id")).isEqualTo("config:tests");
        assertThat(record.json().path("cost_usd").asDouble()).isCloseTo(cost, within(cost * 1e-5));
        assertThat(admin.get("/requests?key_id=config:tests").json().path("data"))
                .anySatisfy(r -> assertThat(r.path("request_id").asText()).isEqualTo(requestId));

        String tenant =
                admin.post("/tenants", "{\"name\":\"not-the-platform\"}").text("id");
        String user = admin.post(
                        "/tenants/" + tenant + "/users",
                        "{\"email\":\"a@platform.example\",\"name\":\"A\",\"role\":\"admin\"}")
                .text("id");
        AdminClient tenantAdmin = admin.as(admin.post("/tenants/" + tenant + "/users/" + user + "/tokens", "{}")
                .text("secret"));
        assertThat(tenantAdmin.get("/requests").status()).isEqualTo(403);
        assertThat(tenantAdmin.get("/requests/" + requestId).status()).isEqualTo(403);
    }

    @Test
    void requestLog_filtersPagesAndReadsOneRecord() {
        String tenant = admin.post("/tenants", "{\"name\":\"logged\",\"plan\":\"enterprise\"}")
                .text("id");
        Answer one = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"one\"}");
        Answer two = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"two\",\"allowed_models\":[\"gpt\"]}");
        for (int i = 0; i < 3; i++) {
            assertThat(admin.chat(one.text("secret"), "gpt").status()).isEqualTo(200);
        }
        assertThat(admin.chat(one.text("secret"), "claude").status()).isEqualTo(200);
        assertThat(admin.chat(two.text("secret"), "claude").status()).isEqualTo(404);
        String base = "/tenants/" + tenant + "/requests";
        Poll.until(() -> admin.get(base).json().path("data").size() == 5, Duration.ofSeconds(5), "five records arrive");

        assertThat(admin.get(base + "?key_id=" + one.text("id")).json().path("data"))
                .hasSize(4);
        assertThat(admin.get(base + "?model=gpt").json().path("data"))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.path("model_asked").asText()).isEqualTo("gpt"));
        assertThat(admin.get(base + "?status=404").json().path("data"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.path("key_id").asText()).isEqualTo(two.text("id")));
        assertThat(admin.get(base + "?from=2001-01-01T00:00:00Z&to=2002-01-01T00:00:00Z")
                        .json()
                        .path("data"))
                .isEmpty();

        Answer first = admin.get(base + "?limit=2");
        assertThat(first.json().path("data")).hasSize(2);
        Answer rest = admin.get(base + "?limit=10&cursor=" + first.text("next_cursor"));
        assertThat(rest.json().path("data")).hasSize(3);
        assertThat(rest.json().path("next_cursor").isNull()).isTrue();

        String requestId = first.json().path("data").get(0).path("request_id").asText();
        Answer record = admin.get(base + "/" + requestId);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.text("tenant_id")).isEqualTo(tenant);
        String other = admin.post("/tenants", "{\"name\":\"logged-other\"}").text("id");
        assertThat(admin.get("/tenants/" + other + "/requests/" + requestId).status())
                .isEqualTo(404);
        assertThat(admin.get("/tenants/" + other + "/requests").json().path("data"))
                .isEmpty();
    }

    @Test
    void firstStart_withoutAdminKey_printsASuperAdminTokenOnce() {
        try (GatewayFixture fresh = GatewayFixture.start()) {
            // The database opens once the gateway listens, so the token is printed a moment after the banner.
            java.util.regex.Pattern token =
                    java.util.regex.Pattern.compile("super-admin token[^\\n]*\\n\\s+(sk-mer-\\S+)");
            Poll.until(() -> token.matcher(fresh.console()).find(), Duration.ofSeconds(15), "the token is printed");
            java.util.regex.Matcher m = token.matcher(fresh.console());
            assertThat(m.find()).as(fresh.console()).isTrue();
            AdminClient root = new AdminClient(fresh, m.group(1));
            assertThat(root.post("/tenants", "{\"name\":\"first\"}").status()).isEqualTo(201);
            assertThat(root.get("/deployments").status()).isEqualTo(200);
            assertThat(fresh.server().runtime().admin().result().bootstrap())
                    .as("never a second time")
                    .isEmpty();
        }
        assertThat(gateway.console())
                .as("a configured admin key creates nothing")
                .doesNotContain("super-admin token");
    }
}
