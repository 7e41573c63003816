package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every deployment has an effective price, from its configuration or the bundled catalogue, shown by {@code GET
 * /admin/v1/prices}; requests are costed at it from their real usage; a model without a price is served, counted at
 * $0 and flagged; an Anthropic request without {@code max_tokens} gets the model's own output limit.
 */
class PricingIT {

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static final ListAppender<ILoggingEvent> ROUTING_LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        ROUTING_LOG.start();
        ((Logger) LoggerFactory.getLogger(RouteTable.class)).addAppender(ROUTING_LOG);
        gateway = GatewayFixture.startWith("", """
                  gpt-own-price:
                    provider: sim-openai
                    model: gpt-4o-mini
                    price: {input: 10, output: 20, cachedInput: 5}
                """, "", GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(RouteTable.class)).detachAppender(ROUTING_LOG);
        gateway.close();
    }

    private static JsonNode row(JsonNode prices, String model) {
        for (JsonNode r : prices.path("data")) {
            if (r.path("model").asText().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no price row for " + model + " in " + prices);
    }

    @Test
    void pricesEndpoint_showsEveryDeploymentsEffectivePrice_andWhereItCameFrom() {
        AdminClient.Answer answer = admin.get("/prices");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode prices = answer.json();
        assertThat(prices.path("catalogue_date").asText()).isEqualTo("2026-12-03");

        JsonNode fromCatalogue = row(prices, "gpt");
        assertThat(fromCatalogue.path("source").asText()).isEqualTo("catalogue");
        assertThat(fromCatalogue.path("catalogue_model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(fromCatalogue.path("price").path("input").asDouble()).isEqualTo(0.15);
        assertThat(fromCatalogue.path("price").path("output").asDouble()).isEqualTo(0.6);
        assertThat(fromCatalogue.path("price").path("cached_input").asDouble()).isEqualTo(0.075);
        assertThat(fromCatalogue.path("context_window").asInt()).isEqualTo(128_000);

        JsonNode configured = row(prices, "gpt-own-price");
        assertThat(configured.path("source").asText()).isEqualTo("configuration");
        assertThat(configured.path("price").path("input").asDouble()).isEqualTo(10.0);
        assertThat(configured.path("price").path("cache_write").asDouble())
                .as("defaults to the input price")
                .isEqualTo(10.0);
        assertThat(configured.path("price").path("reasoning").asDouble())
                .as("defaults to the output price")
                .isEqualTo(20.0);

        JsonNode unpriced = row(prices, "compat");
        assertThat(unpriced.path("source").asText()).isEqualTo("none");
        assertThat(unpriced.path("price").isNull()).isTrue();
    }

    @Test
    void aRequest_isCostedFromItsRealUsage_atTheDeploymentsPrice() {
        double before = metric("meridian_cost_usd_total", "gpt-own-price");
        double tenantBefore = metric("meridian_tenant_cost_usd_total", "gpt-own-price");
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"gpt-own-price\",\"messages\":[{\"role\":\"user\",\"content\":\"price me\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode usage = Json.parseTrusted(r.body()).path("usage");
        long prompt = usage.path("prompt_tokens").asLong();
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong();
        long completion = usage.path("completion_tokens").asLong();
        assertThat(prompt + completion).isPositive();
        double expected = ((prompt - cached) * 10.0 + cached * 5.0 + completion * 20.0) / 1_000_000;

        assertThat(Double.parseDouble(
                        r.headers().firstValue("x-meridian-cost-usd").orElseThrow()))
                .as("the answer says what it cost, to six significant digits")
                .isCloseTo(expected, within(expected * 1e-5));
        Poll.until(() -> metric("meridian_cost_usd_total", "gpt-own-price") > before, "the request is costed");
        assertThat(metric("meridian_cost_usd_total", "gpt-own-price") - before).isCloseTo(expected, within(1e-12));
        assertThat(metrics())
                .as("a configured key's spend is tenant config's")
                .contains("meridian_tenant_cost_usd_total{model=\"gpt-own-price\",tenant=\"config\"}");
        assertThat(metric("meridian_tenant_cost_usd_total", "gpt-own-price") - tenantBefore)
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void aStreamedAnswer_carriesItsCostInTheUsageChunk_whenTheCallerAskedForUsage() {
        for (String model : List.of("gpt-own-price", "claude")) { // passed through, and translated from Anthropic
            HttpResponse<String> r = gateway.post(
                    "/v1/chat/completions",
                    "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"price my stream\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode usage = null;
            for (String event : r.body().split("\n\n")) {
                if (event.startsWith("data: {") && event.contains("\"prompt_tokens\"")) {
                    usage = Json.parseTrusted(event.substring(6)).path("usage");
                }
            }
            assertThat(usage).as(r.body()).isNotNull();
            long prompt = usage.path("prompt_tokens").asLong();
            long cached =
                    usage.path("prompt_tokens_details").path("cached_tokens").asLong();
            long completion = usage.path("completion_tokens").asLong();
            double expected = model.equals("claude")
                    ? ((prompt - cached) * 3.0 + cached * 0.3 + completion * 15.0) / 1_000_000
                    : ((prompt - cached) * 10.0 + cached * 5.0 + completion * 20.0) / 1_000_000;
            assertThat(usage.path("cost_usd").isNumber()).as(usage.toString()).isTrue();
            assertThat(usage.path("cost_usd").asDouble()).isCloseTo(expected, within(expected * 1e-5));
        }
    }

    @Test
    void everyAttemptsSpend_isCounted_aCutAnswerRetriedTwiceCostsItsPromptTwiceMore() {
        String prompt = "Summarise the history of lighthouses in three sentences.";
        gateway.simulator()
                .faults()
                .enqueue(Fault.cutAfter(20).forModel("gpt-4o-mini").times(2));
        String body = "{\"model\":\"gpt-own-price\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        HttpResponse<String> r = gateway.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-attempts")).hasValue("3");
        double served =
                Double.parseDouble(r.headers().firstValue("x-meridian-cost-usd").orElseThrow());
        // Each cut call's prompt is estimated at a token per four bytes of the request body.
        long promptTokens = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 4;
        double expected = served + 2 * promptTokens * 10.0 / 1_000_000;

        String id = r.headers().firstValue("x-request-id").orElseThrow();
        Poll.until(() -> admin.get("/requests/" + id).status() == 200, "the record arrives");
        assertThat(admin.get("/requests/" + id).json().path("cost_usd").asDouble())
                .as("the served answer's cost and the two cut attempts' prompts")
                .isCloseTo(expected, within(served * 1e-4));
    }

    @Test
    void aModelWithoutAPrice_isServed_countedAtZero_andFlagged() {
        double before = metric("meridian_unpriced_requests_total", "compat");
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"compat\",\"messages\":[{\"role\":\"user\",\"content\":\"no price\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-cost-usd")).hasValue("0");
        Poll.until(() -> metric("meridian_unpriced_requests_total", "compat") > before, "the request is flagged");
        assertThat(metric("meridian_cost_usd_total", "compat")).isZero();
        assertThat(ROUTING_LOG.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith(
                        "Deployment sim-compat/llama3.1 of model compat (llama3.1 at sim-compat) has no price"));
    }

    @Test
    void anthropicRequestWithoutMaxTokens_getsTheModelsOwnOutputLimit() {
        gateway.simulator().clearReceived();
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"a long story, please\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).bodyJson().path("max_tokens").asInt())
                .as("claude-sonnet-4-5 writes up to 64,000 tokens; 4,096 would cut long answers")
                .isEqualTo(64_000);
    }

    private static String metrics() {
        return gateway.get("/metrics").body();
    }

    private static double metric(String name, String model) {
        String metrics = metrics();
        Matcher m = Pattern.compile(
                        Pattern.quote(name) + "\\{model=\"" + Pattern.quote(model) + "\",[^}]*} ([0-9.E-]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
