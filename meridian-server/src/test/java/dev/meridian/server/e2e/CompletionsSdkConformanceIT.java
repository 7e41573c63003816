package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.meridian.simulator.Fault;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The legacy completions door ({@code POST /v1/completions}) with the official openai-java SDK
 * ({@code client.completions()}), against models routed to every upstream protocol of the simulator: OpenAI, Azure,
 * OpenAI-compatible, Anthropic and Gemini. Streams, usage, the request log, fallbacks and refusals as chat has them.
 */
class CompletionsSdkConformanceIT {

    private static final String MODELS = """
              primary:
                provider: sim-openai
                model: model-primary
                fallbacks:
                  serverError: [secondary]
              secondary:
                provider: sim-anthropic
                model: claude-sonnet-4-5
              cached-claude:
                provider: sim-anthropic
                model: claude-sonnet-4-5
                cache: {enabled: true, ttl: 1h}
            """;
    private static final String ROUTING = """
            routing:
              retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 2s}
              healthChecks: {enabled: false}
            """;

    private static GatewayFixture gateway;
    private static OpenAIClient client;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, ROUTING, GatewayFixture.ADMIN_KEY);
        client = gateway.openAi();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static CompletionCreateParams.Builder completion(String model, String prompt) {
        return CompletionCreateParams.builder().model(model).prompt(prompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "azure-gpt", "compat", "claude", "gemini"})
    void create_answersWithATextCompletionAndUsage(String model) {
        Completion completion = client.completions()
                .create(completion(model, "Say hello to Meridian")
                        .maxTokens(200)
                        .build());

        assertThat(completion._object_().asString()).hasValue("text_completion");
        CompletionChoice choice = completion.choices().get(0);
        assertThat(choice.text()).contains("Say hello to Meridian");
        assertThat(choice.index()).isZero();
        assertThat(choice.logprobs()).isEmpty();
        assertThat(choice.finishReason()).isEqualTo(CompletionChoice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "azure-gpt", "compat", "claude", "gemini"})
    void createStreaming_deliversTextChunksAndTheUsageAskedFor(String model) {
        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        List<String> finishReasons = new ArrayList<>();
        int chunks = 0;
        try (StreamResponse<Completion> stream = client.completions()
                .createStreaming(completion(model, "Stream a greeting please")
                        .maxTokens(200)
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            for (Completion chunk : (Iterable<Completion>) stream.stream()::iterator) {
                chunks++;
                assertThat(chunk._object_().asString()).hasValue("text_completion");
                chunk.choices().forEach(c -> {
                    text.append(c.text());
                    c._finishReason().asKnown().ifPresent(r -> finishReasons.add(r.asString()));
                });
                chunk.usage().ifPresent(usages::add);
            }
        }
        assertThat(chunks).isGreaterThan(3);
        assertThat(text.toString()).contains("Stream a greeting please");
        assertThat(finishReasons).containsExactly("stop");
        assertThat(usages).hasSize(1);
        assertThat(usages.get(0).completionTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void createStreaming_withoutUsageRequest_carriesNoUsageChunk(String model) {
        List<Completion> chunks = new ArrayList<>();
        try (StreamResponse<Completion> stream = client.completions()
                .createStreaming(completion(model, "No usage for me").build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks).isNotEmpty().allSatisfy(c -> {
            assertThat(c.usage()).isEmpty();
            assertThat(c.choices()).isNotEmpty();
        });
    }

    @Test
    void create_withoutMaxTokens_asksTheProviderForTheLegacyDefaultOf16() {
        gateway.simulator().clearReceived();

        client.completions().create(completion("claude", "Once upon a time").build());

        List<RecordedRequest> received = gateway.simulator().received();
        assertThat(received.get(received.size() - 1)
                        .bodyJson()
                        .path("max_tokens")
                        .asInt())
                .isEqualTo(16);
    }

    @Test
    void create_isLoggedAndPricedAsAChatIs() {
        HttpResponse<String> answer =
                gateway.post("/v1/completions", "{\"model\":\"gemini\",\"prompt\":\"log me\",\"max_tokens\":100}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String requestId = answer.headers().firstValue("x-request-id").orElseThrow();
        double cost = Double.parseDouble(
                answer.headers().firstValue("x-meridian-cost-usd").orElseThrow());

        Poll.until(() -> admin.get("/requests/" + requestId).status() == 200, "the record arrives");
        JsonNode record = admin.get("/requests/" + requestId).json();
        assertThat(record.path("model_asked").asText()).as(record.toString()).isEqualTo("gemini");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("input_tokens").asLong()).isPositive();
        assertThat(record.path("output_tokens").asLong()).isPositive();
        assertThat(record.path("cost_usd").asDouble()).isPositive().isCloseTo(cost, within(cost * 1e-5));
    }

    @Test
    void serverErrors_fallBackToTheNextGroup_asForChat() {
        gateway.simulator()
                .faults()
                .enqueue(Fault.status(500).forModel("model-primary").forever());

        HttpResponse<String> r =
                gateway.post("/v1/completions", "{\"model\":\"primary\",\"prompt\":\"fall back\",\"max_tokens\":50}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-model-group")).hasValue("secondary");
        assertThat(r.headers().firstValue("x-meridian-fallback")).hasValue("serverError");
        assertThat(r.body()).contains("\"object\":\"text_completion\"", "fall back");
    }

    @Test
    void aRepeatedCompletion_isAnsweredFromTheCache_asJsonAndAsAReplayedStream() {
        String prompt = "cache me " + UUID.randomUUID();
        Completion first = client.completions()
                .create(completion("cached-claude", prompt).maxTokens(100).build());
        int calls = gateway.simulator().received().size();

        HttpResponse<String> again = gateway.post(
                "/v1/completions", "{\"model\":\"cached-claude\",\"prompt\":\"" + prompt + "\",\"max_tokens\":100}");
        assertThat(again.headers().firstValue("x-meridian-cache")).hasValue("hit");
        assertThat(again.body())
                .contains(
                        "\"object\":\"text_completion\"", first.choices().get(0).text());

        StringBuilder replayed = new StringBuilder();
        try (StreamResponse<Completion> stream = client.completions()
                .createStreaming(
                        completion("cached-claude", prompt).maxTokens(100).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> replayed.append(c.text())));
        }
        assertThat(replayed.toString()).isEqualTo(first.choices().get(0).text());
        assertThat(gateway.simulator().received()).hasSize(calls);
    }

    @Test
    void severalPrompts_areRefusedNamingThePrompt() {
        assertThatThrownBy(() -> client.completions()
                        .create(CompletionCreateParams.builder()
                                .model("gpt")
                                .promptOfArrayOfStrings(List.of("one", "two"))
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("prompt");
                });
    }

    @Test
    void echo_isRefusedNamingTheField() {
        assertThatThrownBy(() -> client.completions()
                        .create(completion("gpt", "hi").echo(true).build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.param()).hasValue("echo"));
    }

    @Test
    void anUntranslatableParameter_isRefusedByTheProviderItWouldReach() {
        assertThatThrownBy(() -> client.completions()
                        .create(completion("claude", "hi").n(2).build()))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.param()).hasValue("n"));
    }

    @Test
    void unknownModel_isNotFound() {
        assertThatThrownBy(() -> client.completions()
                        .create(completion("gpt-9-ultra", "hi").build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).hasValue("model_not_found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void upstreamRateLimit_isRateLimitWithRetryAfter(String model) {
        assertThatThrownBy(() -> client.completions()
                        .create(completion(model, "hi [sim status=429 retry_after=7]")
                                .build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }
}
