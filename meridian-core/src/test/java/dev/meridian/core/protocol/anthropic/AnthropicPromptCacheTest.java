package dev.meridian.core.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import org.junit.jupiter.api.Test;

class AnthropicPromptCacheTest {

    private static final String LONG = "x".repeat(5_000);

    private static ObjectNode body(String json) {
        return (ObjectNode) Json.parseTrusted(json.replace("LONG", LONG));
    }

    @Test
    void insert_topLevelAutomaticCachingOfTheCaller_addsNothing() {
        ObjectNode body = body("{\"cache_control\":{\"type\":\"ephemeral\"},\"system\":\"LONG\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String before = body.toString();

        assertThat(AnthropicPromptCache.insert(body, "claude-sonnet-4-5")).isZero();
        assertThat(body.toString()).isEqualTo(before);
    }

    @Test
    void insert_callerBreakpointInsideToolResult_addsNothing() {
        ObjectNode body = body("{\"system\":\"LONG\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"15\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]},{\"role\":\"user\",\"content\":\"next\"}]}");

        assertThat(AnthropicPromptCache.insert(body, "claude-sonnet-4-5")).isZero();
    }

    @Test
    void insert_assistantTurnEndingInThinking_marksTheLastBlockThatMayCarryIt() {
        ObjectNode body = body("{\"system\":\"LONG\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"thinking\","
                + "\"thinking\":\"t\",\"signature\":\"s\"}]},{\"role\":\"user\",\"content\":\"next\"}]}");

        assertThat(AnthropicPromptCache.insert(body, "claude-sonnet-4-5")).isEqualTo(2);
        assertThat(body.at("/messages/1/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/messages/1/content/1").has("cache_control")).isFalse();
        assertThat(body.at("/system/0/text").asText()).isEqualTo(LONG);
    }

    @Test
    void insert_singleMessage_marksOnlyWhatPrecedesIt() {
        ObjectNode body = body("{\"tools\":[{\"name\":\"f\",\"description\":\"LONG\",\"input_schema\":{}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"LONG\"}]}");

        assertThat(AnthropicPromptCache.insert(body, "claude-sonnet-4-5")).isEqualTo(1);
        assertThat(body.at("/tools/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/messages/0/content").isTextual()).isTrue();
    }

    @Test
    void insert_base64ImageData_isNotCountedAsText() {
        String image =
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"LONG\"}}";
        ObjectNode body = body("{\"messages\":[{\"role\":\"user\",\"content\":[" + image + "]},"
                + "{\"role\":\"user\",\"content\":\"next\"}]}");

        assertThat(AnthropicPromptCache.insert(body, "claude-sonnet-4-5")).isZero();
    }

    @Test
    void minimums_datedSnapshotsAndUnknownModels() {
        assertThat(AnthropicCacheMinimums.tokens("claude-sonnet-4-5-20250929")).isEqualTo(1024);
        assertThat(AnthropicCacheMinimums.tokens("claude-opus-4-5-20251101")).isEqualTo(4096);
        assertThat(AnthropicCacheMinimums.tokens("claude-opus-4-20250514")).isEqualTo(1024);
        assertThat(AnthropicCacheMinimums.tokens("claude-haiku-4-5")).isEqualTo(4096);
        assertThat(AnthropicCacheMinimums.tokens("claude-3-5-haiku-latest")).isEqualTo(2048);
        assertThat(AnthropicCacheMinimums.tokens("some-proxy-model")).isEqualTo(AnthropicCacheMinimums.DEFAULT);
    }
}
