package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets hold under concurrency (reserve the maximum before each call, settle to the real cost after), refuse with
 * OpenAI's {@code insufficient_quota} shape, downgrade to the cheaper group, and survive a restart.
 */
class BudgetEnforcementIT {

    /** $500 per 1M tokens, input and output: a request of at most ~34 tokens may cost up to about $0.017. */
    private static final String MODELS = """
              priced:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
              cheap:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 1, output: 1, cachedInput: 1}
            """;

    private static GatewayFixture gateway;
    private static AdminClient root;
    private static String tenant;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = ok(201, root.post("/tenants", "{\"name\":\"budget-enforcement\",\"plan\":\"enterprise\"}"))
                .text("id");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Answer ok(int status, Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    /** A new caller key: {id, secret}. */
    private static String[] newKey() {
        Answer k = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}"));
        return new String[] {k.text("id"), k.text("secret")};
    }

    private static String keyBudget(String keyId, double limit, String extra) {
        return ok(
                        201,
                        root.post(
                                "/tenants/" + tenant + "/budgets",
                                "{\"scope\":\"key\",\"scope_id\":\"" + keyId + "\",\"period\":\"day\",\"limit_usd\":"
                                        + limit + extra + "}"))
                .text("id");
    }

    private static CompletableFuture<HttpResponse<String>> chat(GatewayFixture g, String secret, String model) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(g.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + secret)
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode budget(AdminClient admin, String id) {
        return ok(200, admin.get("/tenants/" + tenant + "/budgets/" + id)).json();
    }

    /** The request log's rows of a key (one page of up to 500). */
    private static JsonNode logged(AdminClient admin, String keyId) {
        return ok(200, admin.get("/tenants/" + tenant + "/requests?key_id=" + keyId + "&limit=500"))
                .json()
                .path("data");
    }

    @Test
    void concurrentRequests_neverSpendMoreThanTheLimit_andTheRestAre429BudgetExceeded() {
        String[] key = newKey();
        double limit = 0.5;
        String budget = keyBudget(key[0], limit, "");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            calls.add(chat(gateway, key[1], "priced"));
        }
        int served = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() == 200) {
                served++;
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            JsonNode error = Json.parseTrusted(r.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
            refused++;
        }
        assertThat(served).isPositive();
        assertThat(refused)
                .as("150 requests cost more than the limit if all were served")
                .isPositive();

        JsonNode b = budget(root, budget);
        assertThat(b.path("reserved_usd").asDouble()).isZero();
        assertThat(gateway.server().runtime().budgets().reservationsHeld()).isZero();
        double spent = b.path("spent_usd").asDouble();
        assertThat(spent).isPositive().isLessThanOrEqualTo(limit);

        int servedCalls = served;
        Poll.until(
                () -> countStatus(logged(root, key[0]), 200) == servedCalls,
                Duration.ofSeconds(10),
                "every served request reaches the request log");
        double logCost = 0;
        for (JsonNode row : logged(root, key[0])) {
            logCost += row.path("cost_usd").asDouble(0);
        }
        assertThat(logCost).isLessThanOrEqualTo(limit).isCloseTo(spent, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static int countStatus(JsonNode rows, int status) {
        int n = 0;
        for (JsonNode row : rows) {
            if (row.path("status").asInt() == status) {
                n++;
            }
        }
        return n;
    }

    @Test
    void downgradeBudget_atItsLimit_servesFromTheCheaperGroup() {
        String[] key = newKey();
        // $0.005 cannot hold a priced request's maximum (~$0.017) but holds many cheap ones (~$0.00003).
        String budget = keyBudget(key[0], 0.005, ",\"on_exceed\":\"downgrade\",\"downgrade_to\":\"cheap\"");
        HttpResponse<String> r = chat(gateway, key[1], "priced").join();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-degraded-from")).contains("priced");
        double spent = budget(root, budget).path("spent_usd").asDouble();
        assertThat(spent).isPositive().isLessThan(0.0001); // cheap's price, not priced's
    }

    @Test
    void rejectBudget_withNoRoom_refusesBeforeAnythingIsSent() {
        String[] key = newKey();
        keyBudget(key[0], 0.001, "");
        int before = gateway.simulator().received().size();
        HttpResponse<String> r = chat(gateway, key[1], "priced").join();
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Json.parseTrusted(r.body()).path("error").path("code").asText())
                .isEqualTo("budget_exceeded");
        assertThat(gateway.simulator().received()).hasSize(before);
        // An unpriced or cheap call that fits is still served: only what does not fit is refused.
        assertThat(chat(gateway, key[1], "cheap").join().statusCode()).isEqualTo(200);
    }

    @Test
    void spend_survivesARestart_onTheSameHome() {
        GatewayFixture own =
                GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        try {
            AdminClient admin = new AdminClient(own, GatewayFixture.ADMIN_KEY);
            String t = ok(201, admin.post("/tenants", "{\"name\":\"restart\",\"plan\":\"enterprise\"}"))
                    .text("id");
            Answer k = ok(201, admin.post("/tenants/" + t + "/keys", "{\"name\":\"k\"}"));
            String id = ok(
                            201,
                            admin.post(
                                    "/tenants/" + t + "/budgets",
                                    "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":10}"))
                    .text("id");
            for (int i = 0; i < 5; i++) {
                assertThat(chat(own, k.text("secret"), "priced").join().statusCode())
                        .isEqualTo(200);
            }
            double spent = ok(200, admin.get("/tenants/" + t + "/budgets/" + id))
                    .json()
                    .path("spent_usd")
                    .asDouble();
            assertThat(spent).isPositive();
            Poll.until(
                    () -> ok(200, admin.get("/tenants/" + t + "/requests"))
                                    .json()
                                    .path("data")
                                    .size()
                            == 5,
                    Duration.ofSeconds(10),
                    "the requests reach the log");

            GatewayFixture again = own.restarted();
            own = again;
            AdminClient after = new AdminClient(again, GatewayFixture.ADMIN_KEY);
            Poll.until(
                    () -> again.server().runtime().budgets().loaded().succeeded(),
                    Duration.ofSeconds(10),
                    "budgets loaded");
            JsonNode b = ok(200, after.get("/tenants/" + t + "/budgets/" + id)).json();
            assertThat(b.path("spent_usd").asDouble()).isCloseTo(spent, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(b.path("remaining_usd").asDouble())
                    .isCloseTo(10 - spent, org.assertj.core.data.Offset.offset(1e-6));
        } finally {
            own.close();
        }
    }
}
