package dev.meridian.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK parses what the simulator sends as it parses OpenAI's answers. */
class OpenAiSdkIT {

    private static ProviderSimulator sim;
    private static OpenAIClient openAi;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start();
        openAi = OpenAIOkHttpClient.builder()
                .apiKey("sk-test")
                .baseUrl(sim.openAiBaseUrl())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        openAi.close();
        sim.close();
    }

    private static ChatCompletionCreateParams.Builder params(String text) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(text);
    }

    @Test
    void create_parsesCompletionAndUsage() {
        ChatCompletion completion =
                openAi.chat().completions().create(params("Hello there").build());

        assertThat(completion.choices().get(0).message().content())
                .hasValue("Simulated reply from gpt-4o-mini to: Hello there");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(3);
        assertThat(usage.totalTokens()).isEqualTo(15);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(0L);
    }

    @Test
    void createStreaming_accumulatesTextAndUsage() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat()
                .completions()
                .createStreaming(params("Hello there")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(completion.choices().get(0).message().content())
                .hasValue("Simulated reply from gpt-4o-mini to: Hello there");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(12);
    }

    @Test
    void createStreaming_accumulatesToolCallFragments() {
        FunctionDefinition weather = FunctionDefinition.builder()
                .name("get_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat()
                .completions()
                .createStreaming(params("Weather?").addFunctionTool(weather).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion completion = accumulator.chatCompletion();
        ChatCompletionMessageFunctionToolCall call = completion
                .choices()
                .get(0)
                .message()
                .toolCalls()
                .orElseThrow()
                .get(0)
                .asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"sample\"}");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void create_injectedRateLimit_raisesRateLimitException() {
        assertThatThrownBy(() -> openAi.chat()
                        .completions()
                        .create(params("Hi [sim status=429 retry_after=1]").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("1");
                });
    }

    @Test
    void embeddings_parseWithTheSdksDefaultEncoding() {
        CreateEmbeddingResponse response = openAi.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("alpha")
                        .dimensions(32)
                        .build());

        List<Float> vector = response.data().get(0).embedding();
        assertThat(vector).hasSize(32);
        assertThat(vector.stream().mapToDouble(v -> v * v).sum()).isBetween(0.999, 1.001);
    }
}
