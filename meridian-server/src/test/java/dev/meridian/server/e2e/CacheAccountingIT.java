package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a cache hit counts: nothing upstream and $0 in the request log, with its saving recorded; the tenant's usage
 * report shows the hits and the dollars saved; a budget is never charged for one; Prometheus counts hits and
 * savings per group and tenant. And purges: a tenant's own, by model, and the super-admin's of everything, each
 * audited.
 */
class CacheAccountingIT {

    private static final String MODELS = """
              cached:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache: {enabled: true, ttl: 1h}
              cached-too:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache: {enabled: true, ttl: 1h}
            """;

    private static GatewayFixture gateway;
    private static AdminClient root;
    private static String tenant;
    private static String key;
    private static AdminClient tenantAdmin;
    private static String tenantAdminUser;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = ok(201, root.post("/tenants", "{\"name\":\"cache-accounting\",\"plan\":\"enterprise\"}"))
                .text("id");
        key = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}"))
                .text("secret");
        tenantAdminUser = ok(
                        201,
                        root.post(
                                "/tenants/" + tenant + "/users",
                                "{\"email\":\"admin@cache.example\",\"name\":\"a\",\"role\":\"admin\"}"))
                .text("id");
        tenantAdmin = root.as(ok(201, root.post("/tenants/" + tenant + "/users/" + tenantAdminUser + "/tokens", "{}"))
                .text("secret"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Answer ok(int status, Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    private static HttpResponse<String> chat(String model, String content) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"temperature\":0,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
                .build());
    }

    private static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("x-meridian-cache").orElse(null);
    }

    @Test
    void hit_isLoggedAtZeroCostWithItsSaving_andTheUsageReportShowsTheSavings() {
        String content = "accounting " + UUID.randomUUID();
        HttpResponse<String> miss = chat("cached", content);
        assertThat(cache(miss)).isEqualTo("stored");
        double cost = Double.parseDouble(
                miss.headers().firstValue("x-meridian-cost-usd").orElseThrow());
        assertThat(cost).isPositive();
        HttpResponse<String> hit = chat("cached", content);
        assertThat(cache(hit)).isEqualTo("hit");
        String hitId = hit.headers().firstValue("x-request-id").orElseThrow();

        Poll.until(() -> root.get("/tenants/" + tenant + "/requests/" + hitId).status() == 200, "the hit's log record");
        Answer record = root.get("/tenants/" + tenant + "/requests/" + hitId);
        assertThat(record.json().path("cache_hit").asBoolean()).isTrue();
        assertThat(record.json().path("cache_status").asText()).isEqualTo("hit");
        assertThat(record.json().path("cost_usd").asDouble()).isZero();
        assertThat(record.json().path("cache_saved_usd").asDouble()).isEqualTo(cost);
        String missId = miss.headers().firstValue("x-request-id").orElseThrow();
        assertThat(root.get("/tenants/" + tenant + "/requests/" + missId)
                        .json()
                        .path("cache_status")
                        .asText())
                .isEqualTo("stored");

        Answer usage = ok(200, root.get("/tenants/" + tenant + "/usage"));
        assertThat(usage.json().at("/total/cache_hits").asLong()).isPositive();
        assertThat(usage.json().at("/total/cache_saved_usd").asDouble()).isGreaterThanOrEqualTo(cost);

        String metrics = gateway.get("/metrics").body();
        assertThat(counter(metrics, "meridian_cache_hits_total", "cached")).isPositive();
        assertThat(counter(metrics, "meridian_cache_saved_usd_total", "cached")).isGreaterThanOrEqualTo(cost);
        assertThat(counter(metrics, "meridian_cache_misses_total", "cached")).isPositive();
        assertThat(counter(metrics, "meridian_cache_stored_bytes_total", "cached"))
                .isPositive();
        assertThat(metrics)
                .contains("meridian_requests_total{model=\"cached\",operation=\"chat\",provider=\"cache\","
                        + "status=\"200\"}");
    }

    @Test
    void hits_areNeverChargedToARateLimit() {
        String limited = ok(
                        201,
                        root.post(
                                "/tenants/" + tenant + "/keys",
                                "{\"name\":\"one-a-minute\",\"rate_limits\":{\"requests_per_minute\":1}}"))
                .text("secret");
        String body = "{\"model\":\"cached\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"rpm "
                + UUID.randomUUID() + "\"}]}";
        Supplier<HttpResponse<String>> send =
                () -> gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + limited)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        HttpResponse<String> miss = send.get();
        assertThat(miss.statusCode()).as(miss.body()).isEqualTo(200);
        assertThat(cache(miss)).isEqualTo("stored");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hit = send.get();
            assertThat(hit.statusCode())
                    .as("a hit reserves nothing: %s", hit.body())
                    .isEqualTo(200);
            assertThat(cache(hit)).isEqualTo("hit");
        }
    }

    @Test
    void hit_isNeverChargedToABudget() {
        String budget = ok(
                        201,
                        root.post(
                                "/tenants/" + tenant + "/budgets",
                                "{\"scope\":\"tenant\",\"scope_id\":\"" + tenant
                                        + "\",\"period\":\"day\",\"limit_usd\":1000}"))
                .text("id");
        String content = "budget " + UUID.randomUUID();
        assertThat(cache(chat("cached", content))).isEqualTo("stored");
        Poll.until(() -> spent(budget) > 0, "the miss to be charged");
        double afterMiss = spent(budget);
        for (int i = 0; i < 3; i++) {
            assertThat(cache(chat("cached", content))).isEqualTo("hit");
        }
        assertThat(spent(budget)).isEqualTo(afterMiss);
        ok(200, root.delete("/tenants/" + tenant + "/budgets/" + budget));
    }

    private static double spent(String budget) {
        return root.get("/tenants/" + tenant + "/budgets/" + budget)
                .json()
                .path("spent_usd")
                .asDouble();
    }

    @Test
    void purges_byTheTenantsAdmin_byModel_andOfEverything() {
        String a = "purge a " + UUID.randomUUID();
        String b = "purge b " + UUID.randomUUID();
        chat("cached", a);
        chat("cached-too", b);
        assertThat(cache(chat("cached", a))).isEqualTo("hit");

        Answer byModel = ok(200, tenantAdmin.delete("/tenants/" + tenant + "/cache?model=cached"));
        assertThat(byModel.json().path("removed").asLong()).isPositive();
        assertThat(cache(chat("cached", a))).isEqualTo("stored");
        assertThat(cache(chat("cached-too", b))).isEqualTo("hit");

        assertThat(tenantAdmin.delete("/cache").status())
                .as("only the super-admin purges everything")
                .isEqualTo(403);
        assertThat(tenantAdmin.delete("/tenants/not-this-tenant/cache").status())
                .isEqualTo(404);
        ok(200, root.delete("/cache"));
        assertThat(cache(chat("cached", a))).isEqualTo("stored");
        assertThat(cache(chat("cached-too", b))).isEqualTo("stored");
    }

    @Test
    void purges_areAudited_whoWhichScopeAndHowManyAnswers() {
        chat("cached", "audited purge " + UUID.randomUUID());
        long removed = ok(200, tenantAdmin.delete("/tenants/" + tenant + "/cache?model=cached"))
                .json()
                .path("removed")
                .asLong();
        assertThat(removed).isPositive();
        JsonNode byTenant = newestAudit("/tenants/" + tenant + "/audit?limit=1");
        assertThat(byTenant.path("action").asText()).isEqualTo("cache.purge");
        assertThat(byTenant.path("actor").asText()).isEqualTo(tenantAdminUser);
        assertThat(byTenant.path("tenant_id").asText()).isEqualTo(tenant);
        assertThat(byTenant.path("target_type").asText()).isEqualTo("cache");
        assertThat(byTenant.path("target_id").asText()).isEqualTo("cached");
        assertThat(byTenant.path("source_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(byTenant.path("before").isNull()).isTrue();
        assertThat(byTenant.path("after").path("model").asText()).isEqualTo("cached");
        assertThat(byTenant.path("after").path("removed").asLong()).isEqualTo(removed);

        ok(200, root.delete("/cache"));
        JsonNode everything = newestAudit("/audit?limit=1");
        assertThat(everything.path("action").asText()).isEqualTo("cache.purge");
        assertThat(everything.path("actor").asText()).isEqualTo("admin-key");
        assertThat(everything.path("tenant_id").isNull())
                .as("the whole platform's cache")
                .isTrue();
        assertThat(everything.path("target_id").isNull()).isTrue();
        assertThat(everything.path("after").path("removed").isIntegralNumber()).isTrue();
    }

    private static JsonNode newestAudit(String path) {
        return ok(200, root.get(path)).json().path("data").path(0);
    }

    private static double counter(String metrics, String name, String model) {
        Matcher m = Pattern.compile(
                        name + "\\{model=\"" + model + "\",tenant=\"" + Pattern.quote(tenant) + "\"} ([0-9.E-]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
