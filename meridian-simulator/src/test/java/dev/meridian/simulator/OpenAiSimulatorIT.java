package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiSimulatorIT {

    private static final String[] AUTH = {"Authorization", "Bearer sk-test", "Content-Type", "application/json"};
    private static final String WEATHER_TOOL = """
      {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
        "properties": {"city": {"type": "string"}, "days": {"type": "integer"},
          "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
        "required": ["city"]}}}""";

    @RegisterExtension
    static final RunningSimulator SIM = new RunningSimulator();

    private static HttpResponse<String> chat(String body) {
        return SIM.client().post("/v1/chat/completions", body, AUTH);
    }

    private static String user(String model, String text, String extra) {
        return "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]"
                + extra + "}";
    }

    @Test
    void chat_nonStream_returnsCompletionObject() {
        HttpResponse<String> response = chat(user("gpt-4o-mini", "Hello there", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText())
                .isEqualTo("Simulated reply from gpt-4o-mini to: Hello there");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(12);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(15);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt())
                .isZero();
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asInt())
                .isZero();
    }

    @Test
    void chat_streamWithoutUsage_sendsDeltasThenDone() {
        SimClient.StreamResult stream = SIM.client().stream(
                "/v1/chat/completions", user("gpt-4o-mini", "Hello there", ", \"stream\": true"), AUTH);

        assertThat(stream.response().headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> chunks = stream.jsonEvents();
        assertThat(stream.events().get(stream.events().size() - 1).data()).isEqualTo("[DONE]");
        assertThat(chunks).hasSizeGreaterThan(4).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.has("usage")).isFalse();
        });
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
        assertThat(text).hasToString("Simulated reply from gpt-4o-mini to: Hello there");
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
                .isEqualTo("stop");
    }

    @Test
    void chat_streamWithIncludeUsage_addsNullUsageAndFinalUsageChunk() {
        SimClient.StreamResult stream = SIM.client().stream(
                "/v1/chat/completions",
                user("gpt-4o-mini", "Hello there", ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"),
                AUTH);

        List<JsonNode> chunks = stream.jsonEvents();
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").isArray()).isTrue();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(15);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isTrue();
            assertThat(chunk.path("usage").isNull()).isTrue();
        });
        assertThat(stream.events().get(stream.events().size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    void chat_toolsOffered_callsFirstToolWithSchemaArguments() {
        HttpResponse<String> response =
                chat(user("gpt-4o", "Weather in Paris?", ", \"tools\": [" + WEATHER_TOOL + "]"));

        JsonNode choice = json(response).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(json(call.path("function").path("arguments").asText()))
                .isEqualTo(json("{\"city\": \"sample\", \"days\": 1, \"unit\": \"celsius\"}"));
    }

    @Test
    void chat_streamToolCall_argumentsArriveInFragments() {
        SimClient.StreamResult stream = SIM.client().stream(
                "/v1/chat/completions",
                user("gpt-4o", "Weather in Paris?", ", \"stream\": true, \"tools\": [" + WEATHER_TOOL + "]"),
                AUTH);

        List<JsonNode> chunks = stream.jsonEvents();
        JsonNode first = chunks.get(0).at("/choices/0/delta/tool_calls/0");
        assertThat(first.path("id").asText()).startsWith("call_");
        assertThat(first.path("type").asText()).isEqualTo("function");
        assertThat(first.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(first.at("/function/arguments").asText()).isEmpty();
        List<JsonNode> fragments = chunks.subList(1, chunks.size() - 1).stream()
                .map(chunk -> chunk.at("/choices/0/delta/tool_calls/0"))
                .toList();
        assertThat(fragments).hasSizeGreaterThan(2).allSatisfy(fragment -> {
            assertThat(fragment.path("index").asInt()).isZero();
            assertThat(fragment.has("id")).isFalse();
            assertThat(fragment.path("function").has("name")).isFalse();
        });
        StringBuilder arguments = new StringBuilder();
        fragments.forEach(
                fragment -> arguments.append(fragment.at("/function/arguments").asText()));
        assertThat(json(arguments.toString()).path("city").asText()).isEqualTo("sample");
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void chat_toolResult_quotesTheResult() {
        HttpResponse<String> response = chat("""
        {"model": "gpt-4o", "tools": [%s], "messages": [
          {"role": "user", "content": "Weather in Paris?"},
          {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": "get_weather", "arguments": "{}"}}]},
          {"role": "tool", "tool_call_id": "call_1", "content": "sunny, 21C"}]}""".formatted(WEATHER_TOOL));

        JsonNode choice = json(response).path("choices").get(0);
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Tool get_weather returned: sunny, 21C");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void chat_toolMessageWithoutToolCall_isRejected() {
        HttpResponse<String> response = chat("""
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"},
          {"role": "tool", "tool_call_id": "call_9", "content": "x"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("messages.[1].role");
        assertThat(error.path("message").asText())
                .contains("must be a response to a preceeding message with 'tool_calls'");
    }

    @Test
    void chat_limitsAndStops_endTheReply() {
        JsonNode truncated = json(chat(user("gpt-4o-mini", "Hello there", ", \"max_completion_tokens\": 2")));
        JsonNode stopped = json(chat(user("gpt-4o-mini", "Hello there", ", \"stop\": [\"from\"]")));

        assertThat(truncated.at("/choices/0/message/content").asText()).isEqualTo("Simulate");
        assertThat(truncated.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(truncated.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(stopped.at("/choices/0/message/content").asText()).isEqualTo("Simulated reply ");
        assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void chat_nGreaterThanOne_returnsThatManyChoices() {
        JsonNode body = json(chat(user("gpt-4o-mini", "Hi", ", \"n\": 3")));

        assertThat(body.path("choices")).hasSize(3);
        assertThat(body.at("/choices/2/index").asInt()).isEqualTo(2);
        assertThat(body.at("/choices/2/message/content").asText()).endsWith("(choice 3)");
    }

    @Test
    void chat_jsonSchemaFormat_answersSchemaSample() {
        JsonNode body = json(chat(user("gpt-4o-mini", "Give me a person", """
        , "response_format": {"type": "json_schema", "json_schema": {"name": "person", "strict": true,
          "schema": {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["name", "age", "tags"]}}}""")));
        JsonNode jsonObject =
                json(chat(user("gpt-4o-mini", "Hi", ", \"response_format\": {\"type\": \"json_object\"}")));

        assertThat(json(body.at("/choices/0/message/content").asText()))
                .isEqualTo(json("{\"name\": \"sample\", \"age\": 1, \"tags\": [\"sample\"]}"));
        assertThat(json(jsonObject.at("/choices/0/message/content").asText())
                        .path("reply")
                        .asText())
                .isEqualTo("Simulated reply from gpt-4o-mini to: Hi");
    }

    @Test
    void chat_reasoningModel_countsReasoningTokens() {
        JsonNode body = json(chat(user("o4-mini", "Think", "")));
        HttpResponse<String> rejected = chat(user("o3", "Think", ", \"max_tokens\": 10"));

        JsonNode usage = body.path("usage");
        int reasoning = usage.at("/completion_tokens_details/reasoning_tokens").asInt();
        assertThat(reasoning).isPositive();
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(reasoning + 10);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(json(rejected).at("/error/code").asText()).isEqualTo("unsupported_parameter");
    }

    @Test
    void chat_repeatedLongPrompt_reportsCachedTokens() {
        String longText = "cache me ".repeat(600);
        String body = user("gpt-4o-mini", longText, "");

        JsonNode first = json(chat(body)).path("usage");
        JsonNode second = json(chat(body)).path("usage");

        int prompt = first.path("prompt_tokens").asInt();
        assertThat(prompt).isGreaterThanOrEqualTo(1024);
        assertThat(first.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();
        assertThat(second.at("/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(prompt / 128 * 128);
    }

    @Test
    void embeddings_float_areDeterministicUnitVectors() {
        JsonNode first = json(SIM.client()
                .post(
                        "/v1/embeddings",
                        "{\"model\": \"text-embedding-3-small\", \"input\": [\"alpha\", \"beta\"]}",
                        AUTH));
        JsonNode again = json(SIM.client()
                .post(
                        "/v1/embeddings",
                        "{\"model\": \"text-embedding-3-small\", \"input\": \"alpha\", \"dimensions\": 256}",
                        AUTH));

        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(first.path("data")).hasSize(2);
        JsonNode vector = first.at("/data/0/embedding");
        assertThat(vector).hasSize(1536);
        double norm = 0;
        for (JsonNode value : vector) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(first.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(again.at("/data/0/embedding")).hasSize(256);
    }

    @Test
    void embeddings_base64_isLittleEndianFloat32() {
        String request = "{\"model\": \"text-embedding-3-small\", \"input\": \"alpha\", \"dimensions\": 8%s}";
        JsonNode floats = json(SIM.client().post("/v1/embeddings", request.formatted(""), AUTH))
                .at("/data/0/embedding");
        String encoded = json(SIM.client()
                        .post("/v1/embeddings", request.formatted(", \"encoding_format\": \"base64\""), AUTH))
                .at("/data/0/embedding")
                .asText();

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(8 * Float.BYTES);
        for (int i = 0; i < 8; i++) {
            assertThat(bytes.getFloat()).isEqualTo(floats.get(i).floatValue());
        }
    }

    @Test
    void auth_missingOrWrongKey_isRejectedLikeOpenAi() {
        try (ProviderSimulator keyed =
                ProviderSimulator.start(SimulatorOptions.defaults().apiKey("sk-right-key-1234"))) {
            SimClient keyedClient = new SimClient(keyed);
            HttpResponse<String> missing = keyedClient.post("/v1/chat/completions", user("gpt-4o", "x", ""));
            HttpResponse<String> wrong = keyedClient.post(
                    "/v1/chat/completions", user("gpt-4o", "x", ""), "Authorization", "Bearer sk-wrong-key-5678");
            HttpResponse<String> right = keyedClient.post(
                    "/v1/chat/completions", user("gpt-4o", "x", ""), "Authorization", "Bearer sk-right-key-1234");

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(json(missing).at("/error/message").asText()).startsWith("You didn't provide an API key");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(json(wrong).at("/error/message").asText())
                    .contains("sk-")
                    .doesNotContain("wrong-key");
            assertThat(right.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void errors_badRequests_useOpenAiShape() {
        HttpResponse<String> unknownRoute = SIM.client().post("/v1/completionz", "{}", AUTH);
        HttpResponse<String> notJson = chat("{not json");
        HttpResponse<String> noModel = chat("{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");

        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(json(unknownRoute).at("/error/message").asText()).isEqualTo("Invalid URL (POST /v1/completionz)");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/error/message").asText()).startsWith("We could not parse the JSON body");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(json(noModel).at("/error/message").asText()).isEqualTo("you must provide a model parameter");
        assertThat(json(noModel).path("error").has("param")).isTrue();
    }

    @Test
    void models_list_returnsCatalog() {
        JsonNode body = json(SIM.client().get("/v1/models", AUTH));

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id")).contains("gpt-4o-mini");
    }

    @Test
    void azure_deploymentRoute_needsApiVersionAndApiKey() {
        String path = "/openai/deployments/my-gpt/chat/completions";
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

        HttpResponse<String> ok = SIM.client().post(path + "?api-version=2024-10-21", body, "api-key", "k");
        HttpResponse<String> noVersion = SIM.client().post(path, body, "api-key", "k");
        HttpResponse<String> noKey = SIM.client().post(path + "?api-version=2024-10-21", body);
        HttpResponse<String> v1 = SIM.client()
                .post(
                        "/openai/v1/chat/completions",
                        "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                        "api-key",
                        "k");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).path("model").asText()).isEqualTo("my-gpt");
        assertThat(json(ok).at("/choices/0/message/content").asText()).isEqualTo("Simulated reply from my-gpt to: Hi");
        assertThat(noVersion.statusCode()).isEqualTo(404);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).at("/error/code").asText()).isEqualTo("401");
        assertThat(v1.statusCode()).isEqualTo(200);
    }

    @Test
    void azure_unknownDeployment_isDeploymentNotFound() {
        try (ProviderSimulator limited =
                ProviderSimulator.start(SimulatorOptions.defaults().models(List.of("gpt-4o")))) {
            HttpResponse<String> response = new SimClient(limited)
                    .post(
                            "/openai/deployments/other/embeddings?api-version=2024-10-21",
                            "{\"input\": \"x\"}",
                            "api-key",
                            "k");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("DeploymentNotFound");
        }
    }
}
