package dev.meridian.core.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicAdapterTest {

    private static final byte[] HELLO = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void chatRequest_withoutKey_sendsNoKeyHeader_andConfiguredHeadersWin() {
        ProviderSettings settings = new ProviderSettings(
                "claude-proxy",
                null,
                Map.of("anthropic-version", "2024-01-01", "anthropic-beta", "b1"),
                Map.of(),
                null,
                false,
                true);
        UpstreamRequest request =
                new AnthropicAdapter(settings).chatRequest(OpenAiRequestDecoder.decodeChat(HELLO), "m");
        assertThat(request.headers())
                .doesNotContainKey("x-api-key")
                .containsEntry("anthropic-version", "2024-01-01")
                .containsEntry("anthropic-beta", "b1");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.stream()).isFalse();
    }

    @Test
    void chatRequest_extraBodyFillsOnlyWhatTheRequestLeavesOut() throws IOException {
        ProviderSettings settings = new ProviderSettings(
                "anthropic",
                "k",
                Map.of(),
                Map.of("model", Json.NODES.textNode("other"), "top_k", Json.NODES.numberNode(5)),
                null,
                false,
                true);
        JsonNode body = Json.parse(new AnthropicAdapter(settings)
                .chatRequest(OpenAiRequestDecoder.decodeChat(HELLO), "claude-sonnet-4-5")
                .body());
        assertThat(body.get("model").textValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("top_k").intValue()).isEqualTo(5);
    }

    @Test
    void decodeChat_createdFromTheClock() {
        AnthropicAdapter adapter = new AnthropicAdapter(
                ProviderSettings.of("anthropic", "k"),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_123), ZoneOffset.UTC));
        byte[] message = "{\"id\":\"msg_1\",\"model\":\"m\",\"content\":[],\"stop_reason\":\"end_turn\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.decodeChat(message).created()).isEqualTo(1_700_000_123);
    }

    @Test
    void embeddings_refused() {
        AnthropicAdapter adapter = new AnthropicAdapter(ProviderSettings.of("anthropic", "k"));
        assertThatThrownBy(
                        () -> adapter.embeddingsRequest(new EmbeddingRequest("m", List.of("x"), null, null, null), "m"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("no embeddings API");
                });
    }

    @Test
    void decodeError_emptyBody_stillMapsTheStatus() {
        GatewayException e =
                new AnthropicAdapter(ProviderSettings.of("anthropic", "k")).decodeError(503, "5", new byte[0]);
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.retryAfter()).isEqualTo("5");
        assertThat(e.getMessage()).contains("no error message");
    }
}
