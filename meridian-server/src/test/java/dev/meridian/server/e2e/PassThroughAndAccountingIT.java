package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.simulator.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Same-protocol bodies pass through untouched but for the model and the usage request; accounting is exact:
 * usage is always obtained, hidden from callers who did not ask, and cached, cache-write and reasoning tokens
 * and thinking signatures survive every translation end to end.
 */
class PassThroughAndAccountingIT {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", """
                  o-reasoner:
                    provider: sim-openai
                    model: o4-mini
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        gateway.simulator().clearReceived();
    }

    private RecordedRequest lastReceived() {
        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received).isNotEmpty();
        return received.get(received.size() - 1);
    }

    @Test
    void passThrough_forwardsTheBodyByteForByte_exceptTheModel() {
        String body =
                "{ \"model\" : \"gpt\",\n \"messages\": [{\"role\":\"user\",\"content\":\"exact bytes \\u00e9\"}],"
                        + "\n \"x_vendor_flag\": {\"nested\": [1, 2.50, null]}, \"temperature\" : 0.25 }";
        HttpResponse<String> r = gateway.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        String forwarded = new String(lastReceived().body(), StandardCharsets.UTF_8);
        assertThat(forwarded).isEqualTo(body.replace("\"model\" : \"gpt\"", "\"model\" : \"gpt-4o-mini\""));
        assertThat(r.headers().firstValue("x-meridian-provider")).hasValue("sim-openai");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void passThroughStream_asksUpstreamForUsage_andHidesItFromTheCaller() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"gpt\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);

        JsonNode sent = lastReceived().bodyJson();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(r.body())
                .as("the chunks are what the caller would have had without the gateway asking for usage")
                .doesNotContain("\"prompt_tokens\"")
                .doesNotContain("\"usage\"")
                .endsWith("data: [DONE]\n\n");
        double before = tokens("gpt", "output");
        assertThat(before).as("the hidden usage is still accounted").isPositive();
    }

    @Test
    void passThroughStream_callerAskedForUsage_getsTheUpstreamChunkWithOnlyItsCostAdded() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"gpt\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        List<JsonNode> chunks = dataEvents(r.body());
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.path("usage").path("total_tokens").asLong()).isPositive();
        assertThat(last.path("usage").path("cost_usd").isNumber()).isTrue();
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    }

    @Test
    void reasoningTokens_passThrough() {
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"o-reasoner\",\"messages\":[{\"role\":\"user\",\"content\":\"think\"}]}");
        JsonNode usage = Json.parseTrusted(r.body()).get("usage");
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong())
                .isPositive();
    }

    @Test
    void anthropicPromptCache_writesThenReads_andTheCallerSeesBoth() {
        String system = "You are a careful assistant. ".repeat(300);
        String body =
                "{\"model\":\"claude\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\""
                        + system
                        + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]},{\"role\":\"user\",\"content\":\"hi\"}]}";
        JsonNode first = Json.parseTrusted(
                        gateway.post("/v1/chat/completions", body).body())
                .get("usage");
        JsonNode sent = lastReceived().bodyJson();
        assertThat(sent.path("system").get(0).path("cache_control").path("type").asText())
                .isEqualTo("ephemeral");
        JsonNode second = Json.parseTrusted(
                        gateway.post("/v1/chat/completions", body).body())
                .get("usage");

        assertThat(first.path("cache_creation_input_tokens").asLong()).isPositive();
        assertThat(second.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(first.path("cache_creation_input_tokens").asLong());
        assertThat(second.path("prompt_tokens").asLong())
                .isEqualTo(first.path("prompt_tokens").asLong());
    }

    @Test
    void anthropicThinking_signatureSurvivesMultiTurnToolUse() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]";
        String firstBody = "{\"model\":\"claude\",\"max_tokens\":4096,\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":2048}," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Rome?\"}]}";
        HttpResponse<String> first = gateway.post("/v1/chat/completions", firstBody);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode message =
                Json.parseTrusted(first.body()).path("choices").get(0).path("message");
        assertThat(message.path("thinking_blocks").get(0).path("signature").asText())
                .isNotBlank();
        assertThat(message.path("reasoning_content").asText()).isNotBlank();
        String callId = message.path("tool_calls").get(0).path("id").asText();

        ObjectNode next = (ObjectNode) Json.parseTrusted(firstBody);
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.add(message);
        messages.addObject().put("role", "tool").put("tool_call_id", callId).put("content", "{\"c\":18}");
        HttpResponse<String> withSignature = gateway.post("/v1/chat/completions", next.toString());
        assertThat(withSignature.statusCode()).as(withSignature.body()).isEqualTo(200);
        JsonNode sentAssistant =
                lastReceived().bodyJson().path("messages").get(1).path("content");
        assertThat(sentAssistant.get(0).path("type").asText()).isEqualTo("thinking");
        assertThat(sentAssistant.get(0).path("signature").asText())
                .isEqualTo(
                        message.path("thinking_blocks").get(0).path("signature").asText());

        ((ObjectNode) messages.get(1)).remove("thinking_blocks");
        HttpResponse<String> without = gateway.post("/v1/chat/completions", next.toString());
        assertThat(without.statusCode())
                .as("the provider insists on the signature, so the test can fail")
                .isEqualTo(400);
    }

    @Test
    void geminiThoughtSignature_survivesMultiTurnToolUse() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}]";
        String firstBody = "{\"model\":\"gemini\",\"reasoning_effort\":\"low\"," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Look it up\"}]}";
        HttpResponse<String> first = gateway.post("/v1/chat/completions", firstBody);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode message =
                Json.parseTrusted(first.body()).path("choices").get(0).path("message");
        JsonNode call = message.path("tool_calls").get(0);
        String signature = call.path("extra_content")
                .path("google")
                .path("thought_signature")
                .asText();
        assertThat(signature).isNotBlank();

        ObjectNode next = (ObjectNode) Json.parseTrusted(firstBody);
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.add(message);
        messages.addObject()
                .put("role", "tool")
                .put("tool_call_id", call.path("id").asText())
                .put("content", "found");
        HttpResponse<String> second = gateway.post("/v1/chat/completions", next.toString());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode sentCall =
                lastReceived().bodyJson().path("contents").get(1).path("parts").get(0);
        assertThat(sentCall.path("thoughtSignature").asText()).isEqualTo(signature);
    }

    @Test
    void metrics_countRequestsLatencyAndTokensByModelAndProvider() {
        gateway.post(
                "/v1/chat/completions", "{\"model\":\"gemini\",\"messages\":[{\"role\":\"user\",\"content\":\"m\"}]}");
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics)
                .contains("meridian_requests_total{model=\"gemini\",operation=\"chat\","
                        + "provider=\"sim-gemini\",status=\"200\"}");
        assertThat(metrics).contains("meridian_request_duration_seconds_bucket{model=\"gemini\"");
        assertThat(metrics).contains("meridian_gateway_overhead_seconds_bucket{model=\"gemini\"");
        assertThat(tokens("gemini", "input")).isPositive();
    }

    private static double tokens(String model, String type) {
        String metrics = gateway.get("/metrics").body();
        Matcher m = Pattern.compile("meridian_tokens_total\\{model=\"" + model + "\",provider=\"[^\"]+\",type=\"" + type
                        + "\"} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static List<JsonNode> dataEvents(String sse) {
        return java.util.Arrays.stream(sse.split("\n\n"))
                .map(String::strip)
                .filter(e -> e.startsWith("data: {"))
                .map(e -> Json.parseTrusted(e.substring(6)))
                .toList();
    }
}
