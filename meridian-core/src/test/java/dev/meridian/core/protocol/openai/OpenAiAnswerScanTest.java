package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiAnswerScanTest {

    private static OpenAiAnswerScan.Answer scan(String json) {
        return OpenAiAnswerScan.scan("openai", "stream event", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scan_usageOnlyChunk() {
        OpenAiAnswerScan.Answer a = scan(
                "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":5}}}");
        assertThat(a.isUsageChunk()).isTrue();
        assertThat(a.model()).isEqualTo("gpt-4o");
        assertThat(a.usage()).isEqualTo(new Usage(9, 12, 4, 0, 5));
    }

    @Test
    void scan_contentChunkWithNullUsage_isNotTheUsageChunk() {
        OpenAiAnswerScan.Answer a = scan("{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"[]\"}},"
                + "{\"index\":1,\"delta\":{}}],\"usage\":null}");
        assertThat(a.usage()).isNull();
        assertThat(a.choicesEmpty()).isFalse();
        assertThat(a.isUsageChunk()).isFalse();
    }

    @Test
    void scan_usageOnTheFinishChunk_isReadButNotTheUsageChunk() {
        OpenAiAnswerScan.Answer a = scan("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}");
        assertThat(a.usage()).isEqualTo(new Usage(1, 2, 0, 0, 0));
        assertThat(a.isUsageChunk()).isFalse();
    }

    @Test
    void scan_errorObject() {
        assertThat(scan("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")
                        .error()
                        .path("message")
                        .asText())
                .isEqualTo("boom");
    }

    @Test
    void scan_malformed_isAnUpstreamError() {
        assertThatThrownBy(() -> scan("{\"choices\":[{\"delta\":"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("openai");
                });
        assertThatThrownBy(() -> scan("not json")).isInstanceOf(GatewayException.class);
    }
}
