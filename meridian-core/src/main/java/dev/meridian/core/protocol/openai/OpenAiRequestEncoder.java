package dev.meridian.core.protocol.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Tool;
import dev.meridian.core.model.ToolChoice;
import java.io.IOException;
import java.util.Map;

/**
 * Encodes a canonical chat request as an OpenAI chat completions body
 * (https://platform.openai.com/docs/api-reference/chat/create), the mirror of {@link OpenAiRequestDecoder}:
 * for any request R that decoder accepts, {@code encode(decode(R))} is R up to the normalisations the
 * decoder makes (documented in docs/providers/openai.md).
 *
 * <p>Choices that differ between OpenAI-protocol servers are constructor arguments, never provider names:
 * which field carries the output limit ({@link TokenLimit}), whether every stream asks for
 * {@code stream_options.include_usage} (the gateway needs usage for accounting even when the caller did
 * not ask; some old compatible servers reject the field), and extra top-level fields merged into every body
 * (the request's own fields win).
 *
 * <p>Reasoning is sent as {@code reasoning_effort}. A request that only has a token budget (Anthropic's
 * {@code budget_tokens}) is mapped to the smallest effort whose gateway default budget covers it
 * ({@link #effort}). Parameters are not checked here: the adapter applies
 * {@link dev.meridian.core.provider.SupportedParams} first. Immutable and thread-safe.
 */
public final class OpenAiRequestEncoder {

    /** The field that carries the output token limit. */
    public enum TokenLimit {
        /** OpenAI and Azure OpenAI: {@code max_tokens} is deprecated and refused by reasoning models. */
        MAX_COMPLETION_TOKENS("max_completion_tokens"),
        /** Most OpenAI-compatible servers (vLLM, Ollama, DeepSeek...) only know {@code max_tokens}. */
        MAX_TOKENS("max_tokens");

        private final String field;

        TokenLimit(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final TokenLimit tokenLimit;
    private final boolean streamUsage;
    private final Map<String, JsonNode> extraBody;

    /**
     * @param streamUsage whether every streamed request asks for {@code stream_options.include_usage}
     * @param extraBody   top-level fields added to every body unless the request already sets them
     */
    public OpenAiRequestEncoder(TokenLimit tokenLimit, boolean streamUsage, Map<String, JsonNode> extraBody) {
        this.tokenLimit = requireNonNull(tokenLimit, "tokenLimit");
        this.streamUsage = streamUsage;
        this.extraBody = Map.copyOf(extraBody);
    }

    /** The JSON body for {@code request}, addressed to {@code upstreamModel}. */
    public byte[] encode(ChatRequest r, String upstreamModel) {
        return encode(r, upstreamModel, Map.of());
    }

    /**
     * {@link #encode(ChatRequest, String)} with {@code extra} top-level fields added after the configured ones,
     * each unless the body already has it (the gateway's {@code prompt_cache_key}).
     */
    public byte[] encode(ChatRequest r, String upstreamModel, Map<String, JsonNode> extra) {
        return OpenAiJson.write(g -> {
            OpenAiBodyWriter body = new OpenAiBodyWriter(g);
            g.writeStartObject();
            body.string("model", upstreamModel);
            OpenAiMessageEncoder.write(body.field("messages"), r.messages());
            body.number(tokenLimit.field(), r.maxOutputTokens());
            body.number("temperature", r.temperature());
            body.number("top_p", r.topP());
            body.number("top_k", r.topK());
            body.number("n", r.n());
            body.strings("stop", r.stop());
            body.number("seed", r.seed());
            body.number("presence_penalty", r.presencePenalty());
            body.number("frequency_penalty", r.frequencyPenalty());
            body.tree("logit_bias", r.logitBias());
            body.bool("logprobs", r.logprobs());
            body.number("top_logprobs", r.topLogprobs());
            if (!r.tools().isEmpty()) {
                tools(body.field("tools"), r);
            }
            if (r.toolChoice() != null) {
                toolChoice(body.field("tool_choice"), r.toolChoice());
            }
            body.bool("parallel_tool_calls", r.parallelToolCalls());
            if (r.responseFormat() != null) {
                responseFormat(body.field("response_format"), r.responseFormat());
            }
            if (r.reasoning() != null) {
                body.string("reasoning_effort", effort(r.reasoning()));
            }
            body.string("user", r.user());
            body.tree("metadata", r.metadata());
            if (r.stream()) {
                body.bool("stream", true);
                if (streamUsage) {
                    body.field("stream_options").writeStartObject();
                    g.writeBooleanField("include_usage", true);
                    g.writeEndObject();
                }
            }
            body.mergeExtra(extraBody);
            body.mergeExtra(extra);
            g.writeEndObject();
        });
    }

    /**
     * The {@code reasoning_effort} for a request: its effort when it has one; else its token budget mapped to
     * the smallest effort whose default budget ({@link Reasoning#budgetOrDefault()}: low 1024, medium 2048,
     * high 4096) covers it, anything larger being {@code high}; a budget of 0 (reasoning off) is {@code none}.
     */
    static String effort(Reasoning reasoning) {
        if (reasoning.effort() != null) {
            return reasoning.effort();
        }
        int budget = reasoning.budgetTokens();
        if (budget <= 0) {
            return "none";
        }
        if (budget <= 1024) {
            return "low";
        }
        return budget <= 2048 ? "medium" : "high";
    }

    private static void tools(JsonGenerator g, ChatRequest r) throws IOException {
        g.writeStartArray();
        for (Tool t : r.tools()) {
            g.writeStartObject();
            g.writeStringField("type", "function");
            OpenAiBodyWriter function = new OpenAiBodyWriter(g);
            function.field("function").writeStartObject();
            function.string("name", t.name());
            function.string("description", t.description());
            function.tree("parameters", t.parameters());
            function.bool("strict", t.strict());
            g.writeEndObject();
            OpenAiMessageEncoder.cacheControl(g, t.cacheControl());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void toolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
        switch (choice.mode()) {
            case AUTO -> g.writeString("auto");
            case NONE -> g.writeString("none");
            case REQUIRED -> g.writeString("required");
            case FUNCTION -> {
                g.writeStartObject();
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", choice.name());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    /** A JSON schema without a name (other protocols have none) is named "response": OpenAI requires one. */
    private static void responseFormat(JsonGenerator g, ResponseFormat f) throws IOException {
        g.writeStartObject();
        switch (f.type()) {
            case TEXT -> g.writeStringField("type", "text");
            case JSON_OBJECT -> g.writeStringField("type", "json_object");
            case JSON_SCHEMA -> {
                g.writeStringField("type", "json_schema");
                OpenAiBodyWriter schema = new OpenAiBodyWriter(g);
                schema.field("json_schema").writeStartObject();
                schema.string("name", f.name() == null ? "response" : f.name());
                schema.string("description", f.description());
                schema.tree("schema", f.schema());
                schema.bool("strict", f.strict());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }
}
