package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GDPR articles 17 and 15 through the admin API: erasure of a user's or a key's request data, export of a subject's
 * records, each audited as a fact only; and a tenant's own retention.
 */
class SubjectRightsIT {

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

    /** A tenant that stores bodies, with two users each owning a key that made {@code calls} requests. */
    private record Fixture(
            String tenant, String alice, String aliceKey, String aliceSecret, String bob, String bobKey) {}

    private static Fixture tenantWithTwoSubjects(String name, int calls) {
        String tenant = admin.post(
                        "/tenants", "{\"name\":\"" + name + "\",\"plan\":\"enterprise\",\"store_bodies\":true}")
                .text("id");
        String alice = user(tenant, "alice@" + name + ".example");
        String bob = user(tenant, "bob@" + name + ".example");
        Answer aliceKey = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"a\",\"user_id\":\"" + alice + "\"}");
        Answer bobKey = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"b\",\"user_id\":\"" + bob + "\"}");
        for (int i = 0; i < calls; i++) {
            assertThat(admin.chat(aliceKey.text("secret"), "gpt").status()).isEqualTo(200);
            assertThat(admin.chat(bobKey.text("secret"), "gpt").status()).isEqualTo(200);
        }
        String base = "/tenants/" + tenant + "/requests";
        Poll.until(
                () -> admin.get(base).json().path("data").size() == 2 * calls,
                Duration.ofSeconds(10),
                "the records arrive");
        return new Fixture(tenant, alice, aliceKey.text("id"), aliceKey.text("secret"), bob, bobKey.text("id"));
    }

    private static String user(String tenant, String email) {
        return admin.post(
                        "/tenants/" + tenant + "/users",
                        "{\"email\":\"" + email + "\",\"name\":\"N\",\"role\":\"developer\"}")
                .text("id");
    }

    @Test
    void erasingAUser_anonymisesTheirRecords_keepsTheTenantsTotals_andLeavesTheOtherUser() {
        Fixture f = tenantWithTwoSubjects("erase-user", 3);
        String base = "/tenants/" + f.tenant();
        long tokensBefore = inputTokens(admin.get(base + "/requests").json());

        Answer erased = admin.post(base + "/erasure", "{\"user_id\":\"" + f.alice() + "\"}");

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.text("subject_type")).isEqualTo("user");
        assertThat(erased.json().path("requests_anonymised").asLong()).isEqualTo(3);
        assertThat(erased.json().path("bodies_deleted").asLong()).isEqualTo(3);
        JsonNode rows = admin.get(base + "/requests").json();
        assertThat(rows.path("data")).hasSize(6);
        assertThat(rows.toString()).doesNotContain(f.alice()).doesNotContain(f.aliceKey());
        assertThat(inputTokens(rows)).as("tenant totals stay right").isEqualTo(tokensBefore);
        assertThat(admin.get(base + "/requests?key_id=" + f.bobKey()).json().path("data"))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.path("user_id").asText()).isEqualTo(f.bob()));
        assertThat(exportAll(base, "user_id=" + f.alice())).isEmpty();
        List<JsonNode> bobs = exportAll(base, "user_id=" + f.bob());
        assertThat(bobs).hasSize(3).allSatisfy(item -> {
            assertThat(item.path("type").asText()).isEqualTo("request");
            assertThat(item.path("request").path("prompt").asText()).contains("hi");
        });
    }

    @Test
    void erasingAKey_isAuditedWithOnlyTheFact() {
        Fixture f = tenantWithTwoSubjects("erase-key", 2);
        String base = "/tenants/" + f.tenant();

        Answer erased = admin.post(base + "/erasure", "{\"key_id\":\"" + f.bobKey() + "\"}");

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().path("requests_anonymised").asLong()).isEqualTo(2);
        assertThat(exportAll(base, "key_id=" + f.bobKey())).isEmpty();
        assertThat(exportAll(base, "key_id=" + f.aliceKey())).hasSize(2);
        JsonNode entry = null;
        for (JsonNode e : admin.get(base + "/audit").json().path("data")) {
            if (e.path("action").asText().equals("tenant.erasure")) {
                entry = e;
            }
        }
        assertThat(entry).as("the erasure is audited").isNotNull();
        assertThat(entry.path("target_type").asText()).isEqualTo("key");
        assertThat(entry.path("target_id").asText()).startsWith("sha256:");
        assertThat(entry.path("after").path("requests").asLong()).isEqualTo(2);
        assertThat(entry.toString())
                .doesNotContain(f.bobKey())
                .doesNotContain(f.bob())
                .doesNotContain("\"hi\"");
    }

    @Test
    void export_pagesThroughRequestsThenStoredResponses_andIsAudited_andErasureDeletesTheResponses() {
        Fixture f = tenantWithTwoSubjects("export", 3);
        String base = "/tenants/" + f.tenant();
        HttpResponse<String> stored =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/responses"))
                        .header("authorization", "Bearer " + f.aliceSecret())
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"input\":\"remember me\"}"))
                        .build());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        Poll.until(
                () -> exportAll(base, "key_id=" + f.aliceKey()).size() == 5,
                Duration.ofSeconds(10),
                "the record and the stored response arrive");

        Answer first = admin.get(base + "/subjects/export?key_id=" + f.aliceKey() + "&limit=2");
        List<JsonNode> all = exportAll(base, "key_id=" + f.aliceKey());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("data")).hasSize(2);
        assertThat(first.text("subject_id")).isEqualTo(f.aliceKey());
        assertThat(all.subList(0, 4))
                .allSatisfy(item ->
                        assertThat(item.path("request").path("key_id").asText()).isEqualTo(f.aliceKey()));
        assertThat(all.get(4).path("type").asText()).isEqualTo("response");
        assertThat(all.get(4).path("response").path("items").toString()).contains("remember me");
        List<JsonNode> exports = new ArrayList<>();
        admin.get(base + "/audit?limit=500").json().path("data").forEach(e -> {
            if (e.path("action").asText().equals("tenant.subject_export")) {
                exports.add(e);
            }
        });
        assertThat(exports)
                .isNotEmpty()
                .allSatisfy(e ->
                        assertThat(e.toString()).doesNotContain(f.aliceKey()).doesNotContain("remember me"));

        Answer erased = admin.post(base + "/erasure", "{\"user_id\":\"" + f.alice() + "\"}");
        assertThat(erased.json().path("responses_deleted").asLong())
                .as(erased.toString())
                .isEqualTo(1);
        assertThat(exportAll(base, "key_id=" + f.aliceKey())).isEmpty();
    }

    @Test
    void badSubjects_are400WithTheParam_andAnUnknownTenantIs404() {
        String tenant = admin.post("/tenants", "{\"name\":\"bad-subjects\"}").text("id");
        String base = "/tenants/" + tenant;

        assertParam(admin.post(base + "/erasure", "{}"), 400, "user_id");
        assertParam(admin.post(base + "/erasure", "{\"user_id\":\"u\",\"key_id\":\"k\"}"), 400, "key_id");
        assertParam(admin.post(base + "/erasure", "{\"user_id\":\"\"}"), 400, "user_id");
        assertParam(admin.post(base + "/erasure", "{\"user_id\":42}"), 400, "user_id");
        assertParam(admin.post(base + "/erasure", "{\"subject\":\"u\"}"), 400, "subject");
        assertParam(admin.get(base + "/subjects/export"), 400, "user_id");
        assertParam(admin.get(base + "/subjects/export?key_id=k&cursor=nonsense"), 400, "cursor");
        assertParam(admin.get(base + "/subjects/export?key_id=k&cursor=q.nonsense!"), 400, "cursor");
        assertParam(admin.get(base + "/subjects/export?key_id=k&limit=0"), 400, "limit");
        assertThat(admin.post("/tenants/ten_nobody/erasure", "{\"user_id\":\"u\"}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.get("/tenants/ten_nobody/subjects/export?user_id=u").status())
                .isEqualTo(404);
    }

    @Test
    void aTenantsRetention_isSetReadAndClearedThroughTheAdminApi_andBadValuesNameTheField() {
        Answer created = admin.post(
                "/tenants", "{\"name\":\"kept\",\"retention\":{\"request_log\":\"90d\",\"bodies\":\"720h\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("retention").path("request_log").asText())
                .isEqualTo("90d");
        assertThat(created.json().path("retention").path("bodies").asText()).isEqualTo("30d");
        String base = "/tenants/" + created.text("id");

        Answer cleared = admin.patch(base, "{\"retention\":{\"bodies\":null}}");

        assertThat(cleared.json().path("retention").path("request_log").asText())
                .isEqualTo("90d");
        assertThat(cleared.json().path("retention").path("bodies").isNull()).isTrue();
        assertParam(admin.patch(base, "{\"retention\":{\"bodies\":\"30 days\"}}"), 400, "retention.bodies");
        assertParam(admin.patch(base, "{\"retention\":{\"request_log\":\"1m\"}}"), 400, "retention.request_log");
        assertParam(
                admin.patch(base, "{\"retention\":{\"request_log\":\"99999999999999999999d\"}}"),
                400,
                "retention.request_log");
    }

    private static void assertParam(Answer a, int status, String param) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.json().path("error").path("param").asText())
                .as(a.toString())
                .isEqualTo(param);
    }

    private static List<JsonNode> exportAll(String base, String subject) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = admin.get(
                    base + "/subjects/export?" + subject + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(all::add);
            cursor = page.json().path("next_cursor").isTextual() ? page.text("next_cursor") : null;
        } while (cursor != null);
        return all;
    }

    private static long inputTokens(JsonNode page) {
        long total = 0;
        for (JsonNode r : page.path("data")) {
            total += r.path("input_tokens").asLong();
        }
        return total;
    }
}
