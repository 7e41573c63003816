package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.pricing.Usd;
import java.io.IOException;

/**
 * OpenAI's usage object in both directions. Cache writes, which OpenAI does not report, are carried in
 * LiteLLM's top-level {@code cache_creation_input_tokens} field (written only when non-zero) so dashboards
 * built for LiteLLM keep working.
 */
final class OpenAiUsage {

    private OpenAiUsage() {}

    static void write(JsonGenerator g, Usage u) throws IOException {
        write(g, u, null);
    }

    /** {@link #write(JsonGenerator, Usage)} with the gateway's extra {@code cost_usd} when {@code costUsd} is known. */
    static void write(JsonGenerator g, Usage u, Double costUsd) throws IOException {
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
        if (costUsd != null) {
            g.writeFieldName("cost_usd");
            g.writeNumber(Usd.format(costUsd));
        }
        g.writeEndObject();
    }

    /**
     * Reads the usage object at {@code [offset, offset + length)} of {@code json} with a streaming parser (the
     * pass-through path: no tree). Same rules as {@link #read(JsonNode)}.
     */
    static Usage read(byte[] json, int offset, int length) throws IOException {
        long prompt = 0;
        long completion = 0;
        long cacheWrite = 0;
        long reasoning = 0;
        long cached = -1;
        long deepSeekHit = 0;
        try (JsonParser p = Json.SCAN_FACTORY.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT
                        && (name.equals("prompt_tokens_details") || name.equals("completion_tokens_details"))) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_NUMBER_INT && inner.equals("cached_tokens")) {
                            cached = p.getLongValue();
                        } else if (v == JsonToken.VALUE_NUMBER_INT && inner.equals("reasoning_tokens")) {
                            reasoning = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    switch (name) {
                        case "prompt_tokens" -> prompt = p.getLongValue();
                        case "completion_tokens" -> completion = p.getLongValue();
                        case "cache_creation_input_tokens" -> cacheWrite = p.getLongValue();
                        case "prompt_cache_hit_tokens" -> deepSeekHit = p.getLongValue();
                        default -> {}
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Usage(prompt, completion, cached >= 0 ? cached : deepSeekHit, cacheWrite, reasoning);
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
