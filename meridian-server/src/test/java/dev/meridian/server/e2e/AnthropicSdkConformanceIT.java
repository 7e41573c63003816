package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official anthropic-java SDK, pointed at the gateway with only its base URL and key changed, against models
 * routed to the simulator's Anthropic (pass-through), OpenAI and Gemini (translated both ways) endpoints: messages
 * create, stream, a tool round trip, token counting and errors.
 */
class AnthropicSdkConformanceIT {

    private static GatewayFixture gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        client = anthropic(GatewayFixture.KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    private static MessageCreateParams.Builder message(String model, String prompt) {
        return MessageCreateParams.builder().model(model).maxTokens(512).addUserMessage(prompt);
    }

    private static String text(Message m) {
        StringBuilder text = new StringBuilder();
        m.content().forEach(b -> b.text().ifPresent(t -> text.append(t.text())));
        return text.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void create_answersWithTextStopReasonAndUsage(String model) {
        Message m = client.messages()
                .create(message(model, "Say hello to Meridian")
                        .system("be brief")
                        .build());

        assertThat(text(m)).contains("Say hello to Meridian");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isPositive();
        assertThat(m.usage().outputTokens()).isPositive();
        assertThat(m.usage().cacheReadInputTokens()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void stream_eventsInAnthropicsOrder_accumulateToTheAnswer(String model) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> kinds = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(message(model, "Stream a greeting please").build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                kinds.add(kind(event));
            });
        }
        assertThat(kinds.get(0)).isEqualTo("message_start");
        assertThat(kinds.subList(kinds.size() - 2, kinds.size())).containsExactly("message_delta", "message_stop");
        assertThat(kinds).contains("content_block_start", "content_block_delta", "content_block_stop");
        Message m = accumulator.message();
        assertThat(text(m)).contains("Stream a greeting please");
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isPositive();
        assertThat(m.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void tools_roundTrip(String model) {
        MessageCreateParams first = message(model, "What is the weather in Paris?")
                .addTool(weatherTool())
                .build();
        Message call = client.messages().create(first);

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = call.content().stream()
                .flatMap(b -> b.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("city");

        Message answer = client.messages()
                .create(first.toBuilder()
                        .addMessage(call)
                        .addUserMessageOfContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(use.id())
                                        .content("{\"temperature_c\": 21}")
                                        .build())))
                        .build());
        assertThat(text(answer)).contains("21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void tools_streamed_accumulateToAToolUse(String model) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(message(model, "Weather in Oslo?")
                        .addTool(weatherTool())
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message m = accumulator.message();
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = m.content().stream()
                .flatMap(b -> b.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("city");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void countTokens_answersTheInputTokens(String model) {
        long tokens = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(model)
                        .addUserMessage("How many tokens is this sentence, roughly?")
                        .build())
                .inputTokens();
        assertThat(tokens).isBetween(5L, 60L);
    }

    @Test
    void errors_badKey_isAuthenticationError() {
        assertThatThrownBy(() -> anthropic("sk-not-a-key")
                        .messages()
                        .create(message("claude", "hi").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.type()).contains(ErrorType.AUTHENTICATION_ERROR);
                });
    }

    @Test
    void errors_unknownModel_isNotFound() {
        assertThatThrownBy(() ->
                        client.messages().create(message("claude-9-ultra", "hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.type()).contains(ErrorType.NOT_FOUND_ERROR);
                    assertThat(e.apiMessage())
                            .hasValueSatisfying(m -> assertThat(m).contains("claude-9-ultra"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void errors_invalidValue_isInvalidRequestNamingTheField(String model) {
        assertThatThrownBy(() -> client.messages()
                        .create(message(model, "hi")
                                .putAdditionalBodyProperty("temperature", JsonValue.from(3.0))
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.type()).contains(ErrorType.INVALID_REQUEST_ERROR);
                    assertThat(e.apiMessage())
                            .hasValueSatisfying(m -> assertThat(m).contains("temperature"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void errors_upstreamRateLimit_isRateLimitWithRetryAfter(String model) {
        assertThatThrownBy(() -> client.messages()
                        .create(message(model, "hi [sim status=429 retry_after=7]")
                                .build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.type()).contains(ErrorType.RATE_LIMIT_ERROR);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }

    @Test
    void errors_anthropicOverloaded_isOverloadedError() {
        assertThatThrownBy(() -> client.messages()
                        .create(message("claude", "hi [sim status=529]").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.type()).contains(ErrorType.OVERLOADED_ERROR);
                });
    }

    private static String kind(RawMessageStreamEvent e) {
        if (e.isMessageStart()) {
            return "message_start";
        }
        if (e.isContentBlockStart()) {
            return "content_block_start";
        }
        if (e.isContentBlockDelta()) {
            return "content_block_delta";
        }
        if (e.isContentBlockStop()) {
            return "content_block_stop";
        }
        return e.isMessageDelta() ? "message_delta" : "message_stop";
    }

    static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city"))
                        .build())
                .build();
    }
}
