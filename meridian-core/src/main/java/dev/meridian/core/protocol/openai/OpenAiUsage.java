package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.model.Usage;

import java.io.IOException;

/**
 * OpenAI's usage object in both directions. Cache writes, which OpenAI does not report, are carried in
 * LiteLLM's top-level {@code cache_creation_input_tokens} field (written only when non-zero) so dashboards
 * built for LiteLLM keep working.
 */
final class OpenAiUsage {

    private OpenAiUsage() {
    }

    static void write(JsonGenerator g, Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.inputTokens());
        g.writeNumberField("completion_tokens", u.outputTokens());
        g.writeNumberField("total_tokens", u.totalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", u.cachedInputTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", u.reasoningTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeNumberField("accepted_prediction_tokens", 0);
        g.writeNumberField("rejected_prediction_tokens", 0);
        g.writeEndObject();
        if (u.cacheWriteTokens() > 0) {
            g.writeNumberField("cache_creation_input_tokens", u.cacheWriteTokens());
        }
        g.writeEndObject();
    }

    /**
     * Reads a usage object; null for a missing or null node. Cache hits are OpenAI's
     * {@code prompt_tokens_details.cached_tokens}, or DeepSeek's top-level {@code prompt_cache_hit_tokens}
     * when that is absent (https://api-docs.deepseek.com/guides/kv_cache).
     */
    static Usage read(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        JsonNode cached = u.path("prompt_tokens_details").path("cached_tokens");
        if (!cached.isNumber()) {
            cached = u.path("prompt_cache_hit_tokens");
        }
        return new Usage(
                u.path("prompt_tokens").asLong(0),
                u.path("completion_tokens").asLong(0),
                cached.asLong(0),
                u.path("cache_creation_input_tokens").asLong(0),
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
