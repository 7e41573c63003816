package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiSimulatorIT {

    private static final String[] HEADERS = {"x-goog-api-key", "AIza-test", "content-type", "application/json"};
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    private static final String TOOLS = """
      "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Weather",
        "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}, "required": ["city"]}}]}]""";
    private static final String THINKING = "\"generationConfig\": {\"thinkingConfig\": {\"thinkingBudget\": 1024}}";

    @RegisterExtension
    static final RunningSimulator SIM = new RunningSimulator();

    private static String request(String text, String extra) {
        return "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"" + text + "\"}]}]" + extra + "}";
    }

    @Test
    void generateContent_returnsCandidatesAndUsage() {
        HttpResponse<String> response = SIM.client()
                .post(
                        GENERATE,
                        request("Hello there", ", \"systemInstruction\": {\"parts\": [{\"text\": \"Be brief\"}]}"),
                        HEADERS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode candidate = body.at("/candidates/0");
        assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
        assertThat(candidate.at("/content/parts/0/text").asText())
                .isEqualTo("Simulated reply from gemini-2.5-flash to: Hello there");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        assertThat(candidate.path("index").asInt()).isZero();
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(5);
        assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(14);
        assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(19);
        assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(body.path("responseId").asText()).isNotEmpty();
    }

    @Test
    void streamGenerateContent_sendsCrlfFramedChunksEndingWithUsage() {
        HttpResponse<String> raw = SIM.client().post(STREAM, request("Hello there", ""), HEADERS);
        SimClient.StreamResult stream = SIM.client().stream(STREAM, request("Hello there", ""), HEADERS);

        assertThat(raw.body()).startsWith("data: {").endsWith("}\r\n\r\n").doesNotContain("\n\ndata");
        List<JsonNode> chunks = stream.jsonEvents();
        assertThat(chunks).hasSizeGreaterThan(3);
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk ->
                text.append(chunk.at("/candidates/0/content/parts/0/text").asText()));
        assertThat(text).hasToString("Simulated reply from gemini-2.5-flash to: Hello there");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.at("/candidates/0").has("finishReason")).isFalse();
            assertThat(chunk.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(3);
        });
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(14);
        assertThat(last.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(17);
    }

    @Test
    void streamWithoutAltSse_answersOneJsonArray() {
        HttpResponse<String> response =
                SIM.client().post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request("Hi", ""), HEADERS);

        assertThat(json(response).isArray()).isTrue();
        assertThat(json(response).get(0).has("candidates")).isTrue();
    }

    @Test
    void functionCall_withThinking_carriesThoughtSignatureRequiredNextTurn() {
        JsonNode first = json(
                SIM.client().post(GENERATE, request("Weather in Paris?", ", " + TOOLS + ", " + THINKING), HEADERS));
        JsonNode part = first.at("/candidates/0/content/parts/0");
        assertThat(part.at("/functionCall/name").asText()).isEqualTo("get_weather");
        assertThat(part.at("/functionCall/args")).isEqualTo(json("{\"city\": \"sample\"}"));
        assertThat(part.path("thoughtSignature").asText()).isNotEmpty();
        assertThat(first.at("/usageMetadata/thoughtsTokenCount").asInt()).isPositive();

        HttpResponse<String> withSignature = SIM.client().post(GENERATE, nextTurn(part), HEADERS);
        ObjectNode unsigned = part.deepCopy();
        unsigned.remove("thoughtSignature");
        HttpResponse<String> withoutSignature = SIM.client().post(GENERATE, nextTurn(unsigned), HEADERS);

        assertThat(withSignature.statusCode()).isEqualTo(200);
        assertThat(json(withSignature).at("/candidates/0/content/parts/0/text").asText())
                .isEqualTo("Tool get_weather returned: {\"temp\":21}");
        assertThat(withoutSignature.statusCode()).isEqualTo(400);
        assertThat(json(withoutSignature).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(withoutSignature).at("/error/message").asText())
                .startsWith("Function call is missing a thought_signature in functionCall parts.")
                .contains("`default_api:get_weather`", "position 2");
    }

    @Test
    void functionCall_anyModeWithAllowedNames_forcesThatFunction() {
        JsonNode body = json(SIM.client()
                .post(
                        GENERATE,
                        request(
                                "Hi",
                                ", " + TOOLS.replace("}]}]", "}, {\"name\": \"get_time\"}]}]")
                                        + ", \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"ANY\", "
                                        + "\"allowedFunctionNames\": [\"get_time\"]}}"),
                        HEADERS));

        assertThat(body.at("/candidates/0/content/parts/0/functionCall/name").asText())
                .isEqualTo("get_time");
        assertThat(body.at("/candidates/0/content/parts/0").has("thoughtSignature"))
                .isFalse();
    }

    @Test
    void includeThoughts_returnsThoughtPartFirst() {
        JsonNode body = json(SIM.client()
                .post(
                        GENERATE,
                        request("Hi", ", \"generationConfig\": {\"thinkingConfig\": {\"includeThoughts\": true}}"),
                        HEADERS));

        assertThat(body.at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Simulated thinking about: Hi");
        assertThat(body.at("/candidates/0/content/parts/1/text").asText()).startsWith("Simulated reply");
    }

    @Test
    void jsonMode_answersSchemaSample() {
        JsonNode body = json(SIM.client().post(GENERATE, request("Person?", """
        , "generationConfig": {"responseMimeType": "application/json", "responseSchema": {"type": "OBJECT",
          "properties": {"name": {"type": "STRING"}, "score": {"type": "NUMBER"}}}}"""), HEADERS));

        assertThat(json(body.at("/candidates/0/content/parts/0/text").asText()))
                .isEqualTo(json("{\"name\": \"sample\", \"score\": 1.5}"));
    }

    @Test
    void limitsAndCandidates_followGenerationConfig() {
        JsonNode body = json(SIM.client()
                .post(
                        GENERATE,
                        request(
                                "Hello there",
                                ", \"generationConfig\": {\"maxOutputTokens\": 2, \"candidateCount\": 2}"),
                        HEADERS));

        assertThat(body.path("candidates")).hasSize(2);
        assertThat(body.at("/candidates/1/index").asInt()).isEqualTo(1);
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Simulate");
    }

    @Test
    void directives_safetyBlockedAndCached_shapeTheResponse() {
        JsonNode safety = json(SIM.client().post(GENERATE, request("Hi [sim safety]", ""), HEADERS));
        JsonNode blocked = json(SIM.client().post(GENERATE, request("Hi [sim prompt_blocked]", ""), HEADERS));
        JsonNode cached = json(SIM.client().post(GENERATE, request("Hello there [sim cached=2]", ""), HEADERS));

        assertThat(safety.at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
        assertThat(safety.at("/candidates/0").has("content")).isFalse();
        assertThat(blocked.at("/promptFeedback/blockReason").asText()).isEqualTo("SAFETY");
        assertThat(blocked.has("candidates")).isFalse();
        assertThat(cached.at("/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(2);
    }

    @Test
    void embeddings_singleAndBatch_honourDimensions() {
        JsonNode single = json(SIM.client()
                .post(
                        "/v1beta/models/text-embedding-004:embedContent",
                        "{\"content\": {\"parts\": [{\"text\": \"alpha\"}]}}",
                        HEADERS));
        JsonNode batch = json(SIM.client().post("/v1beta/models/text-embedding-004:batchEmbedContents", """
        {"requests": [{"model": "models/text-embedding-004", "content": {"parts": [{"text": "alpha"}]},
          "outputDimensionality": 64}, {"model": "models/text-embedding-004",
          "content": {"parts": [{"text": "beta"}]}}]}""", HEADERS));

        assertThat(single.at("/embedding/values")).hasSize(768);
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(batch.at("/embeddings/0/values")).hasSize(64);
        assertThat(batch.at("/embeddings/0/values/0").floatValue())
                .isNotEqualTo(single.at("/embedding/values/0").floatValue());
    }

    @Test
    void auth_missingKeyIs403AndWrongKeyIs400() {
        try (ProviderSimulator keyed =
                ProviderSimulator.start(SimulatorOptions.defaults().apiKey("AIza-right"))) {
            SimClient keyedClient = new SimClient(keyed);
            HttpResponse<String> missing = keyedClient.post(GENERATE, request("x", ""));
            HttpResponse<String> wrong = keyedClient.post(GENERATE, request("x", ""), "x-goog-api-key", "AIza-wrong");
            HttpResponse<String> queryKey = keyedClient.post(GENERATE + "?key=AIza-right", request("x", ""));

            assertThat(missing.statusCode()).isEqualTo(403);
            assertThat(json(missing).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(json(wrong).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
            assertThat(queryKey.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void validation_unknownFieldAndRole_areInvalidArgument() {
        HttpResponse<String> unknownField =
                SIM.client().post(GENERATE, request("x", ", \"temperature\": 0.5"), HEADERS);
        HttpResponse<String> badRole = SIM.client()
                .post(GENERATE, "{\"contents\": [{\"role\": \"assistant\", \"parts\": [{\"text\": \"x\"}]}]}", HEADERS);
        HttpResponse<String> snakeCase = SIM.client()
                .post(GENERATE, request("x", ", \"generation_config\": {\"max_output_tokens\": 1}"), HEADERS);

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).at("/error/message").asText())
                .isEqualTo("Invalid JSON payload received. Unknown name \"temperature\": Cannot find field.");
        assertThat(json(badRole).at("/error/message").asText()).isEqualTo("Please use a valid role: user, model.");
        assertThat(json(snakeCase).at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void models_listAndGet() {
        JsonNode list = json(SIM.client().get("/v1beta/models", HEADERS));
        HttpResponse<String> missing = SIM.client().get("/v1beta/models/gemini-0", HEADERS);

        assertThat(list.path("models").findValuesAsText("name")).contains("models/gemini-2.5-flash");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    private static String nextTurn(JsonNode modelPart) {
        ObjectNode request = (ObjectNode) json(request("Weather in Paris?", ", " + TOOLS + ", " + THINKING));
        ArrayNode contents = (ArrayNode) request.path("contents");
        contents.addObject().put("role", "model").putArray("parts").add(modelPart);
        ObjectNode response = contents.addObject()
                .put("role", "user")
                .putArray("parts")
                .addObject()
                .putObject("functionResponse")
                .put("name", "get_weather");
        response.putObject("response").put("temp", 21);
        return request.toString();
    }
}
