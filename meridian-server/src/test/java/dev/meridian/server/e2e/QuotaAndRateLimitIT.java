package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.e2e.AdminClient.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plan quotas and rate limits through the real gateway (issue 11, items 5 and 6): requests and tokens per minute of a
 * key and of a plan, OpenAI's x-ratelimit headers on every answer of a limited caller, 429 rate_limit_exceeded with
 * Retry-After past a rate, and 429 quota_exceeded when a plan's monthly tokens or cost have no room.
 */
class QuotaAndRateLimitIT {

    private static GatewayFixture gateway;
    private static AdminClient root;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", "", GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Answer ok(int status, Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    /** A tenant on {@code plan} and one key of it with {@code keyRates} (JSON or null): the key's secret. */
    private static String keyOf(String name, String plan, String keyRates) {
        String tenant = ok(201, root.post("/tenants", "{\"name\":\"" + name + "\",\"plan\":\"" + plan + "\"}"))
                .text("id");
        String rates = keyRates == null ? "" : ",\"rate_limits\":" + keyRates;
        return ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"" + rates + "}"))
                .text("secret");
    }

    private static void plan(String name, long monthlyTokens, double monthlyCost, long rpm) {
        ok(
                201,
                root.post(
                        "/plans",
                        "{\"name\":\"" + name + "\",\"monthly_tokens\":" + monthlyTokens
                                + ",\"monthly_cost_limit_usd\":" + monthlyCost + ",\"requests_per_minute\":" + rpm
                                + ",\"models\":[\"*\"]}"));
    }

    private static HttpResponse<String> chat(String key, int maxTokens) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("authorization", "Bearer " + key)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"max_tokens\":" + maxTokens
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).path("error");
    }

    @Test
    void aKeyAt3RequestsPerMinute_admits3_showsWhatIsLeft_thenAnswers429WithRetryAfter() throws Exception {
        String key = keyOf("rpm-key", "enterprise", "{\"requests_per_minute\":3}");
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = chat(key, 5);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(header(r, "x-ratelimit-limit-requests")).isEqualTo("3");
            remaining.add(header(r, "x-ratelimit-remaining-requests"));
            assertThat(header(r, "x-ratelimit-reset-requests")).matches("\\d+(\\.\\d+)?(ms|s)");
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        HttpResponse<String> refused = chat(key, 5);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(error(refused).path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error(refused).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error(refused).path("message").asText()).contains("3 requests per minute");
        // One request comes back every 20 s at 3 a minute.
        assertThat(Long.parseLong(header(refused, "retry-after"))).isBetween(1L, 20L);
        assertThat(header(refused, "x-ratelimit-remaining-requests")).isEqualTo("0");
    }

    @Test
    void aKeysTokenRate_reservesTheEstimate_settlesToTheUsage_andShowsTheTokensLeft() throws Exception {
        String key = keyOf("tpm-key", "enterprise", "{\"tokens_per_minute\":1000}");

        HttpResponse<String> r = chat(key, 50);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(header(r, "x-ratelimit-limit-tokens")).isEqualTo("1000");
        // After the reservation: at least the 50 output tokens asked for are held.
        assertThat(Long.parseLong(header(r, "x-ratelimit-remaining-tokens"))).isLessThanOrEqualTo(950);

        HttpResponse<String> tooBig = chat(key, 990);
        assertThat(tooBig.statusCode()).isEqualTo(429);
        assertThat(error(tooBig).path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error(tooBig).path("message").asText()).contains("1000 tokens per minute");
    }

    @Test
    void aPlansRequestsPerMinute_limitTheWholeTenant() throws Exception {
        plan("two-a-minute", 1_000_000, 100, 2);
        String tenant = ok(201, root.post("/tenants", "{\"name\":\"plan-rpm\",\"plan\":\"two-a-minute\"}"))
                .text("id");
        String a = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"a\"}"))
                .text("secret");
        String b = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"b\"}"))
                .text("secret");

        assertThat(chat(a, 5).statusCode()).isEqualTo(200);
        HttpResponse<String> second = chat(b, 5);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(header(second, "x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(chat(a, 5).statusCode()).isEqualTo(429);
        assertThat(chat(b, 5).statusCode()).isEqualTo(429);
    }

    @Test
    void aPlansMonthlyTokens_oncePassed_answer429QuotaExceeded() throws Exception {
        plan("few-tokens", 40, 100, 6_000);
        String key = keyOf("plan-tokens", "few-tokens", null);

        int served = 0;
        HttpResponse<String> last = chat(key, 5);
        while (last.statusCode() == 200 && served < 40) {
            served++;
            last = chat(key, 5);
        }

        assertThat(served).as("served before the quota ran out").isBetween(1, 39);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(error(last).path("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error(last).path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(error(last).path("message").asText()).contains("monthly quota of 40 tokens");
    }

    @Test
    void aPlansMonthlyCostLimit_refusesARequestWhoseMaximumCostDoesNotFit() throws Exception {
        plan("one-micro-dollar", 1_000_000, 0.000001, 6_000);
        String key = keyOf("plan-cost", "one-micro-dollar", null);

        HttpResponse<String> r = chat(key, 5);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(error(r).path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(error(r).path("message").asText()).contains("monthly cost limit");
    }

    @Test
    void aConfiguredKey_hasNoRateLimitAndNoRateLimitHeaders() throws Exception {
        HttpResponse<String> r = chat(GatewayFixture.KEY, 5);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.startsWith("x-ratelimit"));
    }
}
