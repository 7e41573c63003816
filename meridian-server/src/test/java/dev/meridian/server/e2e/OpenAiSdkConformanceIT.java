package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official openai-java SDK, pointed at the gateway with only its base URL and key changed, against
 * models routed to the simulator's OpenAI, Azure, OpenAI-compatible, Anthropic and Gemini endpoints.
 */
class OpenAiSdkConformanceIT {

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

    private static ChatCompletionCreateParams.Builder chat(String model, String prompt) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "azure-gpt", "compat", "claude", "gemini"})
    void chat_nonStream_answersWithTextAndUsage(String model) {
        ChatCompletion completion = client.chat()
                .completions()
                .create(chat(model, "Say hello to Meridian").build());

        String text = completion.choices().get(0).message().content().orElseThrow();
        assertThat(text).contains("Say hello to Meridian");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "azure-gpt", "compat", "claude", "gemini"})
    void chat_stream_deliversDeltasAndTheUsageAskedFor(String model) {
        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(chat(model, "Stream a greeting please")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usages::add);
            }
        }
        assertThat(chunks).isGreaterThan(3);
        assertThat(text.toString()).contains("Stream a greeting please");
        assertThat(usages).hasSize(1);
        assertThat(usages.get(0).completionTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void chat_streamWithoutUsageRequest_carriesNoUsageChunk(String model) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(chat(model, "No usage for me").build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks).isNotEmpty();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.usage()).isEmpty();
            assertThat(c.choices()).isNotEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "azure-gpt", "claude", "gemini"})
    void chat_toolCall_roundTrip(String model) {
        ChatCompletionCreateParams first = chat(model, "What is the weather in Paris?")
                .addTool(weatherTool())
                .build();
        ChatCompletion call = client.chat().completions().create(first);

        assertThat(call.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall toolCall =
                call.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(toolCall.function().arguments()).contains("\"city\"");

        ChatCompletion answer = client.chat()
                .completions()
                .create(first.toBuilder()
                        .addMessage(call.choices().get(0).message())
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(toolCall.id())
                                .content("{\"temperature_c\": 21}")
                                .build())
                        .build());
        assertThat(answer.choices().get(0).message().content().orElseThrow()).contains("21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void chat_toolCall_streamed(String model) {
        Map<Long, StringBuilder> arguments = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        List<String> finishReasons = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(
                        chat(model, "Weather in Oslo?").addTool(weatherTool()).build())) {
            stream.stream()
                    .forEach(chunk -> chunk.choices().forEach(choice -> {
                        choice.delta()
                                .toolCalls()
                                .ifPresent(calls -> calls.forEach(c -> {
                                    c.function()
                                            .flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::name)
                                            .ifPresent(n -> names.put(c.index(), n));
                                    c.function()
                                            .flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                                            .ifPresent(a -> arguments
                                                    .computeIfAbsent(c.index(), i -> new StringBuilder())
                                                    .append(a));
                                }));
                        choice.finishReason().ifPresent(r -> finishReasons.add(r.asString()));
                    }));
        }
        assertThat(names).containsEntry(0L, "get_weather");
        assertThat(arguments.get(0L).toString()).startsWith("{").endsWith("}").contains("\"city\"");
        assertThat(finishReasons).containsExactly("tool_calls");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed-openai", "embed-gemini"})
    void embeddings_defaultBase64AndFloat(String model) {
        CreateEmbeddingResponse base64 = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .inputOfArrayOfStrings(List.of("first text", "second text"))
                        .build());
        assertThat(base64.data()).hasSize(2);
        List<Float> vector = base64.data().get(0).embedding();
        assertThat(vector).hasSizeGreaterThan(100);
        double norm = Math.sqrt(vector.stream().mapToDouble(f -> f * f).sum());
        assertThat(norm).isBetween(0.99, 1.01);

        CreateEmbeddingResponse floats = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .input("first text")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        assertThat(floats.data().get(0).embedding()).isEqualTo(vector);
    }

    @Test
    void errors_badKey_isUnauthorized() {
        assertThatThrownBy(() -> gateway.openAi("sk-not-a-key")
                        .chat()
                        .completions()
                        .create(chat("gpt", "hi").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.code()).contains("invalid_api_key");
                });
    }

    @Test
    void errors_unknownModel_isNotFound() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(chat("gpt-9-ultra", "hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.getMessage()).contains("gpt-9-ultra");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void errors_upstreamRateLimit_isRateLimitWithRetryAfter(String model) {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(chat(model, "hi [sim status=429 retry_after=7]").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .build();
    }
}
