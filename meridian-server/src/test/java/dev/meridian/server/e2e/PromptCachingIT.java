package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider prompt caching done for the caller ({@code cache.providerPrompt}): the Anthropic upstream receives
 * breakpoints on the stable prefix, a caller's own breakpoint goes untouched, cache reads and writes are priced
 * apart in the request log with the saving, and OpenAI requests sharing a prefix carry one {@code prompt_cache_key}
 * and stay on one deployment while it answers.
 */
class PromptCachingIT {

    private static final String LEASE = "The tenancy covers the flat, its fixtures and the shared garden; the tenant"
            + " keeps the rooms in good order and reports damage within a week. ";

    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", """
                  claude-uncached:
                    provider: sim-anthropic
                    model: claude-sonnet-4-5
                    cache: {providerPrompt: "off"}
                  gpt-pool:
                    deployments:
                      - {name: pool-a, provider: sim-openai, model: gpt-4o-mini}
                      - {name: pool-b, provider: sim-openai, model: gpt-4o}
                      - {name: pool-c, provider: sim-openai, model: gpt-4.1-mini}
                """, "", GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.simulator().clearReceived();
    }

    /** A conversation: a long system prompt, one earlier exchange, and the question. */
    private static String conversation(String model, String system, String question) {
        ObjectNode body = Json.object().put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", "Who keeps the garden?");
        messages.addObject().put("role", "assistant").put("content", "The tenants share it.");
        messages.addObject().put("role", "user").put("content", question);
        return body.toString();
    }

    private static JsonNode lastReceived() {
        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received).isNotEmpty();
        return received.get(received.size() - 1).bodyJson();
    }

    private static JsonNode record(HttpResponse<String> r) {
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        Poll.until(() -> admin.get("/requests/" + id).status() == 200, "the record arrives");
        return admin.get("/requests/" + id).json();
    }

    @Test
    void anthropicGroup_longPrefix_upstreamGetsBreakpoints_andReadsAndWritesArePricedApart() {
        String system = LEASE.repeat(50) + "Answer as the landlord's agent (reads and writes).";
        HttpResponse<String> first = gateway.post("/v1/chat/completions", conversation("claude", system, "Pets?"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode sent = lastReceived();
        assertThat(sent.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(sent.at("/messages/1/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(sent.at("/messages/2/content/0").has("cache_control")).isFalse();
        JsonNode written = record(first);
        assertThat(written.path("cache_write_tokens").asLong()).isPositive();
        assertThat(written.path("cached_tokens").asLong()).isZero();

        HttpResponse<String> second = gateway.post("/v1/chat/completions", conversation("claude", system, "Bikes?"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode read = record(second);
        long cached = read.path("cached_tokens").asLong();
        long cacheWrite = read.path("cache_write_tokens").asLong();
        assertThat(cached).isPositive();
        // claude-sonnet-4-5 in the catalogue: 3.00 input, 15.00 output, 0.30 cache read, 3.75 cache write.
        long plain = read.path("input_tokens").asLong() - cached - cacheWrite;
        double expected = (plain * 3.00
                        + cached * 0.30
                        + cacheWrite * 3.75
                        + read.path("output_tokens").asLong() * 15.00)
                / 1_000_000;
        assertThat(read.path("cost_usd").asDouble()).isCloseTo(expected, within(1e-9));
        assertThat(read.path("prompt_cache_saved_usd").asDouble())
                .isCloseTo(cached * (3.00 - 0.30) / 1_000_000, within(1e-9));
    }

    @Test
    void anthropicGroup_providerPromptOff_sendsNoBreakpoint() {
        String system = LEASE.repeat(50) + "Answer as the landlord's agent (off).";
        HttpResponse<String> r = gateway.post("/v1/chat/completions", conversation("claude-uncached", system, "Pets?"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lastReceived().toString()).doesNotContain("cache_control");
    }

    @Test
    void anthropicGroup_callersOwnBreakpoint_passesUntouched_andNothingIsAdded() {
        ObjectNode body = (ObjectNode) Json.parseTrusted(conversation("claude", "x", "Pets?"));
        ObjectNode systemPart = Json.object().put("type", "text").put("text", LEASE.repeat(50) + "(own)");
        systemPart.putObject("cache_control").put("type", "ephemeral").put("ttl", "1h");
        ((ObjectNode) body.withArray("messages").get(0)).putArray("content").add(systemPart);
        HttpResponse<String> r = gateway.post("/v1/chat/completions", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        JsonNode sent = lastReceived();
        assertThat(sent.at("/system/0/cache_control"))
                .isEqualTo(Json.parseTrusted("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
        assertThat(sent.toString().split("cache_control", -1)).hasSize(2);
    }

    @Test
    void openAiGroup_samePrefix_sameDeploymentAndKey_otherPrefixesSpread_andFailoverStillAnswers() {
        String system = LEASE.repeat(50) + "Answer as the tenant's adviser.";
        Set<String> models = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (String q : List.of("Pets?", "Bikes?", "Parties?", "Plants?", "Paint?")) {
            HttpResponse<String> r = gateway.post("/v1/chat/completions", conversation("gpt-pool", system, q));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            models.add(r.headers().firstValue("x-meridian-model").orElseThrow());
            keys.add(lastReceived().path("prompt_cache_key").asText());
        }
        assertThat(models).as("one prefix, one deployment").hasSize(1);
        assertThat(keys).singleElement().asString().matches("mrd-[0-9a-f]{32}");

        Set<String> spread = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = gateway.post(
                    "/v1/chat/completions", conversation("gpt-pool", system + " Variant " + i + ".", "Pets?"));
            spread.add(r.headers().firstValue("x-meridian-model").orElseThrow());
        }
        assertThat(spread).as("other prefixes use the other deployments too").hasSizeGreaterThan(1);

        String preferred = models.iterator().next();
        gateway.simulator()
                .faults()
                .enqueue(Fault.status(500).forModel(preferred).times(1));
        HttpResponse<String> failedOver =
                gateway.post("/v1/chat/completions", conversation("gpt-pool", system, "Smoking?"));
        assertThat(failedOver.statusCode()).as(failedOver.body()).isEqualTo(200);
        assertThat(failedOver.headers().firstValue("x-meridian-model"))
                .isPresent()
                .get()
                .isNotEqualTo(preferred);
    }
}
