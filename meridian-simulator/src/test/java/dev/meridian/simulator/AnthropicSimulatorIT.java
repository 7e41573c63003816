package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicSimulatorIT {

    private static final String[] HEADERS = {
        "x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01", "content-type", "application/json"
    };
    private static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final String TOOL = """
      {"name": "get_weather", "description": "Weather", "input_schema": {"type": "object",
        "properties": {"location": {"type": "string"}}, "required": ["location"]}}""";
    private static final String THINKING = "\"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 2000}";

    @RegisterExtension
    static final RunningSimulator SIM = new RunningSimulator();

    private static HttpResponse<String> messages(String body) {
        return SIM.client().post("/v1/messages", body, HEADERS);
    }

    private static String request(String text, String extra) {
        return "{\"model\": \"" + MODEL
                + "\", \"max_tokens\": 4096, \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]"
                + extra + "}";
    }

    @Test
    void messages_nonStream_returnsMessageObject() {
        HttpResponse<String> response = messages(request("Hello there", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).startsWith("msg_01");
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("role").asText()).isEqualTo("assistant");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Simulated reply from " + MODEL + " to: Hello there");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(16);
        assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(usage.path("cache_read_input_tokens").asInt()).isZero();
    }

    @Test
    void messages_stream_sendsTheFullEventSequence() {
        SimClient.StreamResult stream =
                SIM.client().stream("/v1/messages", request("Hello there", ", \"stream\": true"), HEADERS);

        List<String> names =
                stream.events().stream().map(e -> e.event().orElseThrow()).toList();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(names.subList(3, names.size() - 3)).hasSizeGreaterThan(3).containsOnly("content_block_delta");
        stream.events()
                .forEach(e -> assertThat(e.json().path("type").asText())
                        .isEqualTo(e.event().orElseThrow()));
        JsonNode start = stream.events().get(0).json().path("message");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.at("/usage/input_tokens").asInt()).isEqualTo(3);
        StringBuilder text = new StringBuilder();
        stream.events().stream()
                .filter(e -> e.event().equals(Optional.of("content_block_delta")))
                .forEach(e -> text.append(e.json().at("/delta/text").asText()));
        assertThat(text).hasToString("Simulated reply from " + MODEL + " to: Hello there");
        JsonNode delta = stream.events().get(names.size() - 2).json();
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(16);
    }

    @Test
    void messages_toolsOffered_returnsToolUse() {
        JsonNode body = json(messages(request("Weather in Paris?", ", \"tools\": [" + TOOL + "]")));

        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode block = body.at("/content/0");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).startsWith("toolu_01");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input")).isEqualTo(json("{\"location\": \"sample\"}"));
    }

    @Test
    void messages_streamToolUse_sendsInputJsonDeltas() {
        SimClient.StreamResult stream = SIM.client().stream(
                "/v1/messages", request("Weather in Paris?", ", \"stream\": true, \"tools\": [" + TOOL + "]"), HEADERS);

        JsonNode start = stream.events().get(1).json().path("content_block");
        assertThat(start.path("type").asText()).isEqualTo("tool_use");
        assertThat(start.path("input")).isEmpty();
        List<JsonNode> deltas = stream.jsonEvents().stream()
                .filter(e -> e.path("type").asText().equals("content_block_delta"))
                .map(e -> e.path("delta"))
                .toList();
        assertThat(deltas)
                .hasSizeGreaterThan(2)
                .allSatisfy(d -> assertThat(d.path("type").asText()).isEqualTo("input_json_delta"));
        StringBuilder input = new StringBuilder();
        deltas.forEach(d -> input.append(d.path("partial_json").asText()));
        assertThat(json(input.toString())).isEqualTo(json("{\"location\": \"sample\"}"));
    }

    @Test
    void messages_toolResult_quotesResultAndUnknownIdIsRejected() {
        String turn = """
        {"model": "%s", "max_tokens": 100, "tools": [%s], "messages": [
          {"role": "user", "content": "Weather in Paris?"},
          {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather",
            "input": {"location": "Paris"}}]},
          {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "%s", "content": "sunny"}]}]}""";

        JsonNode answered = json(messages(turn.formatted(MODEL, TOOL, "toolu_1")));
        HttpResponse<String> unknown = messages(turn.formatted(MODEL, TOOL, "toolu_9"));

        assertThat(answered.at("/content/0/text").asText()).isEqualTo("Tool get_weather returned: sunny");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("type").asText()).isEqualTo("error");
        assertThat(json(unknown).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(unknown).at("/error/message").asText())
                .startsWith("messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9.");
    }

    @Test
    void thinking_signatureRequiredOnTheNextTurn() {
        JsonNode first = json(messages(request("Weather in Paris?", ", \"tools\": [" + TOOL + "], " + THINKING)));
        ArrayNode assistantContent = (ArrayNode) first.path("content");
        assertThat(assistantContent.get(0).path("type").asText()).isEqualTo("thinking");
        assertThat(assistantContent.get(0).path("signature").asText()).isNotEmpty();
        assertThat(assistantContent.get(1).path("type").asText()).isEqualTo("tool_use");
        String toolUseId = assistantContent.get(1).path("id").asText();

        HttpResponse<String> withThinking = messages(nextTurn(assistantContent, toolUseId));
        HttpResponse<String> withoutThinking = messages(nextTurn(withoutFirst(assistantContent), toolUseId));
        ArrayNode tampered = assistantContent.deepCopy();
        ((ObjectNode) tampered.get(0)).put("thinking", "edited thoughts");
        HttpResponse<String> edited = messages(nextTurn(tampered, toolUseId));

        assertThat(withThinking.statusCode()).isEqualTo(200);
        assertThat(json(withThinking).at("/content/1/text").asText()).startsWith("Tool get_weather returned:");
        assertThat(withoutThinking.statusCode()).isEqualTo(400);
        assertThat(json(withoutThinking).at("/error/message").asText())
                .startsWith(
                        "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.");
        assertThat(edited.statusCode()).isEqualTo(400);
        assertThat(json(edited).at("/error/message").asText())
                .isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block");
    }

    @Test
    void thinking_redactedDirective_returnsVerifiableRedactedBlock() {
        JsonNode first =
                json(messages(request("Weather? [sim redacted_thinking]", ", \"tools\": [" + TOOL + "], " + THINKING)));
        ArrayNode content = (ArrayNode) first.path("content");

        assertThat(content.get(0).path("type").asText()).isEqualTo("redacted_thinking");
        assertThat(content.get(0).path("data").asText()).isNotEmpty();
        assertThat(messages(nextTurn(content, content.get(1).path("id").asText()))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void thinking_streamSendsThinkingAndSignatureDeltas() {
        SimClient.StreamResult stream =
                SIM.client().stream("/v1/messages", request("Hi", ", \"stream\": true, " + THINKING), HEADERS);

        List<String> deltaTypes = stream.jsonEvents().stream()
                .filter(e -> e.path("index").asInt(-1) == 0)
                .filter(e -> e.path("type").asText().equals("content_block_delta"))
                .map(e -> e.at("/delta/type").asText())
                .toList();
        assertThat(stream.events().get(1).json().at("/content_block/type").asText())
                .isEqualTo("thinking");
        assertThat(deltaTypes).contains("thinking_delta").last().isEqualTo("signature_delta");
    }

    @Test
    void cacheControl_createsThenReadsThePrefix() {
        String body = """
        {"model": "%s", "max_tokens": 100, "system": [{"type": "text", "text": "%s",
          "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "Hi"}]}""".formatted(MODEL, "You are a careful assistant. ".repeat(40));

        JsonNode first = json(messages(body)).path("usage");
        JsonNode second = json(messages(body)).path("usage");

        int prefix = first.path("cache_creation_input_tokens").asInt();
        assertThat(prefix).isEqualTo(290);
        assertThat(first.path("cache_read_input_tokens").asInt()).isZero();
        assertThat(first.path("input_tokens").asInt()).isEqualTo(1);
        assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(prefix);
    }

    @Test
    void stopSequencesAndSafety_setStopReason() {
        JsonNode stopped = json(messages(request("Hello", ", \"stop_sequences\": [\"reply\"]")));
        JsonNode refused = json(messages(request("Hello [sim safety]", "")));

        assertThat(stopped.path("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(stopped.path("stop_sequence").asText()).isEqualTo("reply");
        assertThat(stopped.at("/content/0/text").asText()).isEqualTo("Simulated ");
        assertThat(refused.path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void validation_headersAndFields_followTheApi() {
        HttpResponse<String> noVersion = SIM.client().post("/v1/messages", request("x", ""), "x-api-key", "k");
        HttpResponse<String> noKey =
                SIM.client().post("/v1/messages", request("x", ""), "anthropic-version", "2023-06-01");
        HttpResponse<String> noMaxTokens = messages("{\"model\": \"" + MODEL + "\", \"messages\": []}");
        HttpResponse<String> badJson = messages("{\"model\": ");
        HttpResponse<String> unknownRoute = SIM.client().post("/v1/messages/batches/x", "{}", HEADERS);

        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(json(noVersion).at("/error/message").asText()).isEqualTo("anthropic-version: header is required");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(json(noMaxTokens).at("/error/message").asText()).isEqualTo("max_tokens: Field required");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).at("/error/message").asText()).startsWith("The request body is not valid JSON");
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(json(unknownRoute).at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void countTokens_countsThePrompt() {
        JsonNode body = json(SIM.client()
                .post(
                        "/v1/messages/count_tokens",
                        "{\"model\": \"" + MODEL
                                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello there\"}]}",
                        HEADERS));

        assertThat(body.path("input_tokens").asInt()).isEqualTo(3);
    }

    private static String nextTurn(ArrayNode assistantContent, String toolUseId) {
        ObjectNode request =
                (ObjectNode) json(request("Weather in Paris?", ", \"tools\": [" + TOOL + "], " + THINKING));
        ArrayNode messages = (ArrayNode) request.path("messages");
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        assistant.set("content", assistantContent);
        ObjectNode result =
                messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", toolUseId).put("content", "sunny");
        return request.toString();
    }

    private static ArrayNode withoutFirst(ArrayNode content) {
        ArrayNode copy = content.deepCopy();
        copy.remove(0);
        return copy;
    }
}
