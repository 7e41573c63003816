package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.WebSearchTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official openai-java SDK's Responses API against the gateway, for every upstream protocol of the simulator:
 * {@code gpt} passes through to OpenAI's own {@code /v1/responses}; {@code compat} (an OpenAI-compatible server
 * with chat completions only), {@code azure-gpt}, {@code claude} and {@code gemini} are translated.
 */
class ResponsesSdkConformanceIT {

    private static GatewayFixture gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        client = gateway.openAi();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(ResponseOutputText::text)
                .collect(Collectors.joining());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "compat", "azure-gpt", "claude", "gemini"})
    void create_answersWithTextAndUsage(String model) {
        Response response = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .instructions("Be brief.")
                        .input("Say hello to Meridian")
                        .build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).contains("Say hello to Meridian");
        assertThat(response.status())
                .hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "compat", "azure-gpt", "claude", "gemini"})
    void stream_deliversTypedEventsInSequenceAndTheCompletedResponse(String model) {
        StringBuilder text = new StringBuilder();
        List<Long> sequence = new ArrayList<>();
        List<Response> completed = new ArrayList<>();
        boolean created = false;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(model)
                        .input("Stream a greeting please")
                        .build())) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                created |= event.created().isPresent() && sequence.isEmpty();
                event.created().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.inProgress().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.outputItemAdded().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.contentPartAdded().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.outputTextDelta().ifPresent(e -> {
                    sequence.add(e.sequenceNumber());
                    text.append(e.delta());
                });
                event.outputTextDone().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.contentPartDone().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.outputItemDone().ifPresent(e -> sequence.add(e.sequenceNumber()));
                event.completed().ifPresent(e -> {
                    sequence.add(e.sequenceNumber());
                    completed.add(e.response());
                });
            }
        }
        assertThat(created).as("response.created comes first").isTrue();
        assertThat(text.toString()).contains("Stream a greeting please");
        assertThat(sequence).isSorted().doesNotHaveDuplicates().startsWith(0L, 1L);
        assertThat(completed).hasSize(1);
        assertThat(text(completed.get(0))).isEqualTo(text.toString());
        assertThat(completed.get(0).usage().orElseThrow().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "compat", "claude", "gemini"})
    void functionTool_roundTripByItems(String model) {
        ResponseCreateParams first = ResponseCreateParams.builder()
                .model(model)
                .input("What is the weather in Paris?")
                .addTool(weatherTool())
                .store(false)
                .build();
        Response call = client.responses().create(first);

        ResponseFunctionToolCall toolCall = functionCall(call);
        assertThat(toolCall.name()).isEqualTo("get_weather");
        assertThat(toolCall.arguments()).contains("\"city\"");

        Response answer = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .addTool(weatherTool())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofEasyInputMessage(
                                        com.openai.models.responses.EasyInputMessage.builder()
                                                .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                                                .content("What is the weather in Paris?")
                                                .build()),
                                ResponseInputItem.ofFunctionCall(toolCall),
                                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                        .callId(toolCall.callId())
                                        .output("{\"temperature_c\": 21}")
                                        .build())))
                        .build());
        assertThat(text(answer)).contains("21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "compat", "claude", "gemini"})
    void functionTool_roundTripByPreviousResponseId(String model) {
        Response call = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("What is the weather in Oslo?")
                        .addTool(weatherTool())
                        .build());
        ResponseFunctionToolCall toolCall = functionCall(call);

        Response answer = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .previousResponseId(call.id())
                        .addTool(weatherTool())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                        .callId(toolCall.callId())
                                        .output("{\"temperature_c\": 4}")
                                        .build())))
                        .build());
        assertThat(text(answer)).contains("4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude"})
    void stream_functionCallArgumentsArriveAsDeltas(String model) {
        StringBuilder arguments = new StringBuilder();
        List<ResponseFunctionToolCall> done = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(model)
                        .input("Weather in Rome?")
                        .addTool(weatherTool())
                        .build())) {
            stream.stream().forEach(event -> {
                event.functionCallArgumentsDelta().ifPresent(e -> arguments.append(e.delta()));
                event.outputItemDone().flatMap(e -> e.item().functionCall()).ifPresent(done::add);
            });
        }
        assertThat(arguments.toString()).startsWith("{").endsWith("}").contains("\"city\"");
        assertThat(done)
                .singleElement()
                .satisfies(c -> assertThat(c.arguments()).isEqualTo(arguments.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt:/v1/responses", "compat:/v1/chat/completions"})
    void upstream_responsesPassThroughOnlyWhereTheDeploymentServesThem(String modelAndPath) {
        String[] parts = modelAndPath.split(":");
        gateway.simulator().clearReceived();

        Response response = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(parts[0])
                        .input("Which path?")
                        .build());
        Response continued = client.responses()
                .create(ResponseCreateParams.builder()
                        .model(parts[0])
                        .previousResponseId(response.id())
                        .input("And again?")
                        .build());

        assertThat(gateway.simulator().received()).extracting(r -> r.path()).containsExactly(parts[1], parts[1]);
        // The stored conversation went upstream as input, never the gateway's own response id.
        String second = gateway.simulator().received().get(1).bodyText();
        assertThat(second).contains("Which path?").contains("And again?").doesNotContain(response.id());
        assertThat(text(continued)).contains("And again?");
    }

    @Test
    void retrieveAndDelete_storedResponse() {
        Response created = client.responses()
                .create(ResponseCreateParams.builder()
                        .model("claude")
                        .input("Remember this")
                        .build());

        Response retrieved = client.responses().retrieve(created.id());
        assertThat(retrieved.id()).isEqualTo(created.id());
        assertThat(text(retrieved)).isEqualTo(text(created));

        client.responses().delete(created.id());
        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().delete(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void storeFalse_isNotRetrievable() {
        Response created = client.responses()
                .create(ResponseCreateParams.builder()
                        .model("gemini")
                        .input("Forget this")
                        .store(false)
                        .build());

        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void previousResponseId_unknown_isNotFoundNamingTheParam() {
        assertThatThrownBy(() -> client.responses()
                        .create(ResponseCreateParams.builder()
                                .model("claude")
                                .previousResponseId("resp_does_not_exist")
                                .input("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.param()).contains("previous_response_id"));
    }

    @Test
    void builtInTool_toAProviderWithoutIt_isRefusedNamingTheTool() {
        assertThatThrownBy(() -> client.responses()
                        .create(ResponseCreateParams.builder()
                                .model("claude")
                                .input("Search the web")
                                .addTool(WebSearchTool.builder()
                                        .type(WebSearchTool.Type.WEB_SEARCH)
                                        .build())
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("tools[0].type");
                    assertThat(e.getMessage()).contains("web_search");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void upstreamRateLimit_isRateLimitWithRetryAfter(String model) {
        assertThatThrownBy(() -> client.responses()
                        .create(ResponseCreateParams.builder()
                                .model(model)
                                .input("hi [sim status=429 retry_after=7]")
                                .build()))
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("7"));
    }

    private static ResponseFunctionToolCall functionCall(Response response) {
        return response.output().stream()
                .map(ResponseOutputItem::functionCall)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function call in " + response.output()));
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .strict(false)
                .build();
    }
}
