package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cost suggestions from a known mix sent through the gateway and the simulator: an expensive model with small
 * tasks and one large one (cheaper tier), one prompt sent four times (cache potential) and a group whose traffic
 * goes to the dearer of two priced deployments (cheaper route). Every saving is checked to the cent against the
 * configured prices and the request log's own token counts, scaled from a one-hour window to 30 days (×720).
 */
class SuggestionsIT {

    private static final String MODELS = """
              sugg-big:
                provider: sim-openai
                model: gpt-4o
                price: {input: 100, output: 400}
                degradeTo: sugg-small
              sugg-small:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 10, output: 40}
              sugg-routed:
                deployments:
                  - {name: routed-dear, provider: sim-openai, model: gpt-4.1, price: {input: 50, output: 200}}
                  - {name: routed-cheap, provider: sim-openai, model: gpt-4.1, weight: 0, price: {input: 20, output: 80}}
            """;
    private static final double MONTH_SCALE = 720; // 30 days / the one-hour window

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenant;
    private static String window;
    private static final List<String> repeatIds = new ArrayList<>();

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        window = "from=" + from + "&to=" + from.plus(1, ChronoUnit.HOURS);
        tenant = admin.post("/tenants", "{\"name\":\"thrifty\",\"plan\":\"enterprise\"}")
                .text("id");
        String key =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");
        for (int i = 0; i < 4; i++) {
            repeatIds.add(chat(key, "sugg-big", "What is the capital of France?"));
        }
        chat(key, "sugg-big", "Say hello.");
        chat(key, "sugg-big", "Name a colour.");
        chat(key, "sugg-big", "Summarise this: " + "word ".repeat(2_000)); // a large task
        for (int i = 0; i < 3; i++) {
            chat(key, "sugg-routed", "Routed question " + i);
        }
        Poll.until(() -> requests().size() == 10, "the ten records arrive");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String chat(String key, String model, String prompt) {
        HttpResponse<String> r =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                        .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-request-id").orElseThrow();
    }

    private static List<JsonNode> requests() {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/tenants/" + tenant + "/requests?limit=100")
                .json()
                .path("data")
                .forEach(out::add);
        return out;
    }

    private static JsonNode suggestion(String kind, String model) {
        Answer a = admin.get("/tenants/" + tenant + "/suggestions?" + window);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        for (JsonNode s : a.json().path("data")) {
            if (s.path("kind").asText().equals(kind) && s.path("model").asText().equals(model)) {
                return s;
            }
        }
        throw new AssertionError("no " + kind + " suggestion for " + model + " in " + a.body());
    }

    private static double cost(JsonNode record, double input, double output) {
        assertThat(record.path("cached_tokens").asLong()).isZero();
        return (record.path("input_tokens").asLong() * input
                        + record.path("output_tokens").asLong() * output)
                / 1e6;
    }

    private static boolean small(JsonNode r) {
        return r.path("input_tokens").asLong() <= 1_000
                && r.path("output_tokens").asLong() <= 300;
    }

    @Test
    void smallTasksOfAnExpensiveModel_areSuggestedTheConfiguredCheaperTier_withTheSavingToTheCent() {
        double logged = 0;
        double atSmall = 0;
        int smallCount = 0;
        for (JsonNode r : requests()) {
            if (r.path("model_asked").asText().equals("sugg-big") && small(r)) {
                assertThat(r.path("cost_usd").asDouble()).isCloseTo(cost(r, 100, 400), within(1e-9));
                logged += r.path("cost_usd").asDouble();
                atSmall += cost(r, 10, 40);
                smallCount++;
            }
        }
        assertThat(smallCount).as("the large task is not small").isEqualTo(6);

        JsonNode s = suggestion("cheaper_tier", "sugg-big");

        assertThat(s.path("suggested_model").asText()).isEqualTo("sugg-small");
        assertThat(s.path("evidence").path("requests").asLong()).isEqualTo(7);
        assertThat(s.path("evidence").path("small_requests").asLong()).isEqualTo(6);
        assertThat(s.path("evidence").path("small_share").asDouble()).isCloseTo(6 / 7.0, within(0.0001));
        assertThat(s.path("evidence").path("cheaper_models").toString()).contains("\"sugg-small\"");
        assertThat(s.path("estimated_monthly_saving_usd").asDouble())
                .isCloseTo((logged - atSmall) * MONTH_SCALE, within(0.005))
                .isPositive();
    }

    @Test
    void aPromptSentFourTimes_showsThreeRepeatsCostInDollars() {
        double repeats = 0;
        for (JsonNode r : requests()) {
            if (repeatIds.subList(1, 4).contains(r.path("request_id").asText())) {
                repeats += r.path("cost_usd").asDouble();
            }
        }

        JsonNode s = suggestion("cache_potential", "sugg-big");

        assertThat(s.path("evidence").path("repeated_requests").asLong()).isEqualTo(3);
        assertThat(s.path("evidence").path("repeated_prompts").asLong()).isEqualTo(1);
        assertThat(s.path("evidence").path("requests").asLong()).isEqualTo(7);
        assertThat(s.path("estimated_monthly_saving_usd").asDouble())
                .isCloseTo(repeats * MONTH_SCALE, within(0.005))
                .isPositive();
    }

    @Test
    void trafficOnTheDearerOfTwoDeployments_isSuggestedTheCheaperOne() {
        double logged = 0;
        double onCheap = 0;
        for (JsonNode r : requests()) {
            if (r.path("model_asked").asText().equals("sugg-routed")) {
                assertThat(r.path("deployment").asText()).isEqualTo("routed-dear");
                logged += r.path("cost_usd").asDouble();
                onCheap += cost(r, 20, 80);
            }
        }

        JsonNode s = suggestion("cheaper_route", "sugg-routed");

        assertThat(s.path("suggested_deployment").asText()).isEqualTo("routed-cheap");
        assertThat(s.path("evidence").path("requests_elsewhere").asLong()).isEqualTo(3);
        assertThat(s.path("estimated_monthly_saving_usd").asDouble())
                .isCloseTo((logged - onCheap) * MONTH_SCALE, within(0.005))
                .isPositive();
    }

    @Test
    void badWindowsAndOtherTenants_areRefusedNamingTheParameter() {
        String path = "/tenants/" + tenant + "/suggestions";
        assertThat(admin.get(path + "?from=yesterday").errorParam()).isEqualTo("from");
        assertThat(admin.get(path + "?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z")
                        .errorParam())
                .isEqualTo("from");
        assertThat(admin.get(path + "?colour=red").status()).isEqualTo(400);
        assertThat(admin.get("/tenants/ten_nope/suggestions").status()).isEqualTo(404);

        String other = admin.post("/tenants", "{\"name\":\"nosy\",\"plan\":\"enterprise\"}")
                .text("id");
        String user = admin.post(
                        "/tenants/" + other + "/users",
                        "{\"email\":\"a@nosy.example\",\"name\":\"A\",\"role\":\"admin\"}")
                .text("id");
        AdminClient nosy = admin.as(admin.post("/tenants/" + other + "/users/" + user + "/tokens", "{}")
                .text("secret"));
        assertThat(nosy.get(path).status()).isEqualTo(404);
        Answer own = nosy.get("/tenants/" + other + "/suggestions");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("data")).isEmpty();
    }
}
