package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.store.Database;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The compliance report end to end, over real HTTP and real traffic, on the database of the subclass: a tenant (named
 * with markup) has keys created, rotated and revoked, sends a masked request, a blocked one and one served abroad,
 * and has an erasure in its audit log; its report counts all of it, as JSON and as an HTML page that escapes every
 * value, and only its own admins and the super-admin may read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComplianceReportContract {

    static final String EMAIL = "jane.doe@corp.example";
    static final String OTHER_EMAIL = "li.wei@corp.example";
    static final String CARD = "4111 1111 1111 1111";
    static final String TENANT_NAME = "<script>alert('t')</script> Corp";
    static final String ERASER = "<script>alert('a')</script>";

    static final String MODELS = """
              cn-only:
                deployments:
                  - {name: cn, provider: sim-openai, model: model-cn, country: CN, region: cn-east}
              us-only:
                deployments:
                  - {name: us, provider: sim-openai, model: model-us, country: US, region: us-east}
            """;

    static final String SETTINGS = GatewayFixture.SINGLE_ATTEMPT + """
            pii:
              enabled: true
              defaultAction: mask
              actions:
                card: block
            audit:
              residency:
                homeCountry: CN
            """;

    private GatewayFixture gateway;
    private AdminClient root;
    private String tenant;
    private String otherTenant;
    private String maskedId;
    private String blockedId;
    private final List<String> keyIds = new ArrayList<>();

    /** The top-level YAML of the database to run on (empty: the default SQLite). */
    abstract String storage() throws Exception;

    /** Releases what {@link #storage()} made. */
    void dropStorage() throws Exception {}

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayFixture.startWith("", MODELS, SETTINGS + storage(), GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = created(root.post("/tenants", "{\"name\":" + quoted(TENANT_NAME) + ",\"plan\":\"enterprise\"}"))
                .text("id");
        otherTenant = created(root.post("/tenants", "{\"name\":\"other\",\"plan\":\"enterprise\"}"))
                .text("id");

        Answer app = created(root.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}"));
        keyIds.add(app.text("id"));
        Answer rotated = root.post("/tenants/" + tenant + "/keys/" + app.text("id") + "/rotate", "{}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        Answer old = created(root.post("/tenants/" + tenant + "/keys", "{\"name\":\"old\"}"));
        keyIds.add(old.text("id"));
        assertThat(root.post("/tenants/" + tenant + "/keys/" + old.text("id") + "/revoke", "{}")
                        .status())
                .isEqualTo(200);
        String secret = rotated.text("secret");

        HttpResponse<String> masked = chat(secret, "cn-only", "Mail " + EMAIL + " and " + OTHER_EMAIL, null);
        assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
        maskedId = masked.headers().firstValue("x-request-id").orElseThrow();
        HttpResponse<String> blocked = chat(secret, "cn-only", "Pay with " + CARD + ", receipt to " + EMAIL, null);
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(400);
        blockedId = blocked.headers().firstValue("x-request-id").orElseThrow();
        HttpResponse<String> abroad = chat(secret, "us-only", "hello", "US");
        assertThat(abroad.statusCode()).as(abroad.body()).isEqualTo(200);

        // The erasure route is not part of this change: its audit entry, as it writes it, goes in through the store.
        database()
                .audit()
                .append(AuditEntry.of(
                        ERASER,
                        tenant,
                        "tenant.erasure",
                        "user",
                        "u-erased",
                        null,
                        "{\"requests\":3,\"bodies\":1}",
                        null));

        Poll.until(
                () -> root.get("/tenants/" + tenant + "/requests")
                                .json()
                                .path("data")
                                .size()
                        == 3,
                Duration.ofSeconds(10),
                "the three requests are in the request log");
        Poll.until(
                () -> root.get("/tenants/" + tenant + "/audit").body().contains("residency.transfer"),
                Duration.ofSeconds(10),
                "the transfer is in the audit log");
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        dropStorage();
    }

    private Database database() throws Exception {
        return gateway.server()
                .runtime()
                .storage()
                .database()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> chat(String key, String model, String text, String residency) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":" + quoted(text) + "}]}"));
        if (residency != null) {
            b.header("x-meridian-residency", residency);
        }
        return gateway.send(b.build());
    }

    private static String quoted(String s) {
        return dev.meridian.core.json.Json.NODES.textNode(s).toString();
    }

    private static Answer created(Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a;
    }

    private String period() {
        Instant now = Instant.now();
        return "from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now.plus(1, ChronoUnit.HOURS);
    }

    private String report(String query) {
        return "/tenants/" + tenant + "/compliance-report?" + query;
    }

    @Test
    void theJsonReport_countsRequestsTransfersDetectionsActionsKeyEventsAndErasures() {
        Answer r = root.get(report(period()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("object").asText()).isEqualTo("compliance_report");
        assertThat(j.at("/tenant/name").asText()).isEqualTo(TENANT_NAME);

        assertThat(j.at("/requests/total/requests").asLong()).isEqualTo(3);
        assertThat(rows(j.at("/requests/by_region_provider"), "region", "provider", "requests"))
                .containsExactlyInAnyOrder("null|null|1", "cn-east|sim-openai|1", "us-east|sim-openai|1");
        assertThat(j.at("/requests/total/input_tokens").asLong()).isPositive();

        assertThat(j.at("/cross_border_transfers/total").asLong()).isEqualTo(1);
        assertThat(rows(
                        j.at("/cross_border_transfers/by_rule"),
                        "rule",
                        "source_country",
                        "destination_country",
                        "requests"))
                .containsExactly("US|CN|US|1");

        // The masked request held two e-mail addresses; the blocked one a card (block) and an address (mask).
        assertThat(rows(j.path("pii_detections"), "class", "action", "values", "requests"))
                .containsExactly("card|block|1|1", "email|mask|3|2");

        assertThat(rows(j.path("admin_actions"), "actor", "action", "count"))
                .contains(
                        "admin-key|key.create|2",
                        "admin-key|key.rotate|1",
                        "admin-key|key.revoke|1",
                        ERASER + "|tenant.erasure|1")
                .noneMatch(s -> s.contains("residency.transfer"));

        assertThat(rows(j.at("/key_events/data"), "actor", "key_id", "action"))
                .containsExactly(
                        "admin-key|" + keyIds.get(0) + "|key.create",
                        "admin-key|" + keyIds.get(0) + "|key.rotate",
                        "admin-key|" + keyIds.get(1) + "|key.create",
                        "admin-key|" + keyIds.get(1) + "|key.revoke");
        assertThat(j.at("/key_events/truncated").asBoolean()).isFalse();

        JsonNode erasure = j.at("/erasures/data/0");
        assertThat(erasure.path("actor").asText()).isEqualTo(ERASER);
        assertThat(erasure.path("target_id").asText()).isEqualTo("u-erased");
        assertThat(erasure.at("/counts/requests").asLong()).isEqualTo(3);
        assertThat(j.at("/erasures/data").size()).isEqualTo(1);
    }

    @Test
    void aReportsGeneration_isItselfAudited() {
        String query = period() + "&format=json";
        assertThat(root.get(report(query)).status()).isEqualTo(200);
        Poll.until(
                () -> root.get("/tenants/" + tenant + "/audit").body().contains("compliance.report"),
                "the report's generation is audited");
        JsonNode entry = null;
        for (JsonNode e : root.get("/tenants/" + tenant + "/audit").json().path("data")) {
            if (e.path("action").asText().equals("compliance.report")) {
                entry = e;
                break;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("actor").asText()).isEqualTo("admin-key");
        assertThat(entry.at("/after/format").asText()).isEqualTo("json");
    }

    @Test
    void theHtmlReport_isOnePrintablePage_withEveryValueEscaped() {
        for (HttpResponse<String> page : List.of(
                htmlGet(report(period()), "text/html,application/xhtml+xml"),
                htmlGet(report(period() + "&format=html"), "*/*"))) {
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            String html = page.body();
            assertThat(html)
                    .startsWith("<!DOCTYPE html>")
                    .contains("@media print")
                    .contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Corp")
                    .contains("&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;")
                    .contains("<td>US</td><td>CN</td><td>US</td>")
                    .contains("<td>email</td><td>mask</td><td class=\"n\">3</td>")
                    .contains("<td>card</td><td>block</td>")
                    .contains(keyIds.get(1))
                    .doesNotContain("<script")
                    .doesNotContain("src=")
                    .doesNotContain("href=");
        }
    }

    private HttpResponse<String> htmlGet(String path, String accept) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/admin/v1" + path))
                .header("authorization", "Bearer " + GatewayFixture.ADMIN_KEY)
                .header("accept", accept)
                .GET()
                .build());
    }

    @Test
    void theRequestDetail_showsItsDetections_theBlockedRequestsToo_andTheMetricCountsThem() {
        Answer masked = root.get("/tenants/" + tenant + "/requests/" + maskedId);
        assertThat(masked.json().path("pii").toString()).isEqualTo("{\"email\":{\"mask\":2}}");
        Answer blocked = root.get("/tenants/" + tenant + "/requests/" + blockedId);
        assertThat(blocked.json().path("status").asInt()).isEqualTo(400);
        assertThat(blocked.json().path("pii").toString()).isEqualTo("{\"card\":{\"block\":1},\"email\":{\"mask\":1}}");
        assertThat(masked.body() + blocked.body()).doesNotContain(EMAIL).doesNotContain("4111");

        String metrics = gateway.get("/metrics").body();
        assertThat(metrics)
                .containsPattern("meridian_pii_detections_total\\{action=\"mask\",class=\"email\",?\\} 3\\.0")
                .containsPattern("meridian_pii_detections_total\\{action=\"block\",class=\"card\",?\\} 1\\.0");
    }

    @Test
    void badPeriods_areRefusedWith400_namingTheParameter() {
        assertThat(param(root.get(report("to=2030-01-02")))).isEqualTo("from");
        assertThat(param(root.get(report("from=2030-01-01")))).isEqualTo("to");
        assertThat(param(root.get(report("from=yesterday&to=2030-01-02")))).isEqualTo("from");
        assertThat(param(root.get(report("from=2030-01-01&to=2030-13-45")))).isEqualTo("to");
        assertThat(param(root.get(report("from=2030-01-02&to=2030-01-01T00:00:00Z"))))
                .isEqualTo("from");
        assertThat(param(root.get(report("from=2030-01-01&to=2031-01-03")))).isEqualTo("to");
        assertThat(param(root.get(report("from=2030-01-01&to=2030-01-02&format=pdf"))))
                .isEqualTo("format");
        assertThat(param(root.get(report("from=2030-01-01&to=2030-01-02&tenant=x"))))
                .isEqualTo("tenant");
        // Dates: `to` is the end of its day, so one day is a valid period, and a leap year's 366 days are too.
        assertThat(root.get(report("from=2030-01-01&to=2030-01-01")).status()).isEqualTo(200);
        assertThat(root.get(report("from=2028-01-01&to=2028-12-31")).status()).isEqualTo(200);
    }

    private static String param(Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        return a.errorParam();
    }

    @Test
    void onlyTheTenantsAdminsAndTheSuperAdmin_mayReadIt() {
        AdminClient admin = userClient(tenant, "admin");
        AdminClient viewer = userClient(tenant, "viewer");
        AdminClient otherAdmin = userClient(otherTenant, "admin");
        assertThat(admin.get(report(period())).status()).isEqualTo(200);
        Answer denied = viewer.get(report(period()));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("permission_denied");
        Answer elsewhere = otherAdmin.get(report(period()));
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body()).doesNotContain("alert");
        assertThat(root.as(null).get(report(period())).status()).isEqualTo(401);
    }

    private AdminClient userClient(String tenantId, String role) {
        String user = created(root.post(
                        "/tenants/" + tenantId + "/users",
                        "{\"email\":\"" + role + "-" + System.nanoTime() + "@example.com\",\"name\":\"" + role
                                + "\",\"role\":\"" + role + "\"}"))
                .text("id");
        return root.as(created(root.post("/tenants/" + tenantId + "/users/" + user + "/tokens", "{}"))
                .text("secret"));
    }

    /** Each row of {@code rows} as its {@code fields} joined by '|' (JSON null as "null"). */
    private static List<String> rows(JsonNode rows, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>();
            for (String f : fields) {
                JsonNode v = row.path(f);
                values.add(v.isNull() ? "null" : v.asText());
            }
            out.add(String.join("|", values));
        }
        return out;
    }
}
