package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat request in the gateway's own terms, independent of any wire protocol. Decoded from the caller's
 * protocol, encoded into the provider's. Null fields are unset; {@link #params()} names the optional
 * parameters the caller actually set, so encoders can refuse what they cannot translate.
 *
 * @param model           the model name as the caller gave it (public name), or the upstream name once routed
 * @param stream          whether the caller wants server-sent events
 * @param includeUsage    whether a streaming caller asked for the final usage chunk
 * @param maxOutputTokens OpenAI max_completion_tokens / max_tokens, Anthropic max_tokens, Gemini maxOutputTokens
 * @param stop            stop sequences, empty when none
 * @param metadata        caller metadata (OpenAI {@code metadata}), verbatim
 * @param unknown         top-level fields the decoder did not recognise, by the caller's field name; encoders
 *                        refuse them unless configured to drop them
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        boolean stream,
        boolean includeUsage,
        Integer maxOutputTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Integer n,
        List<String> stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        JsonNode logitBias,
        Boolean logprobs,
        Integer topLogprobs,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Reasoning reasoning,
        String user,
        JsonNode metadata,
        Set<Param> params,
        Map<String, JsonNode> unknown)
        implements CanonicalRequest {

    public ChatRequest {
        requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        params = params.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(params));
        unknown = unknown == null ? Map.of() : Map.copyOf(unknown);
    }

    /** A copy addressed to another model name (the upstream model once routed). */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(
                newModel,
                messages,
                stream,
                includeUsage,
                maxOutputTokens,
                temperature,
                topP,
                topK,
                n,
                stop,
                seed,
                presencePenalty,
                frequencyPenalty,
                logitBias,
                logprobs,
                topLogprobs,
                tools,
                toolChoice,
                parallelToolCalls,
                responseFormat,
                reasoning,
                user,
                metadata,
                params,
                unknown);
    }

    /** A copy with other messages (masked ones, say). */
    public ChatRequest withMessages(List<Message> newMessages) {
        return new ChatRequest(
                model,
                newMessages,
                stream,
                includeUsage,
                maxOutputTokens,
                temperature,
                topP,
                topK,
                n,
                stop,
                seed,
                presencePenalty,
                frequencyPenalty,
                logitBias,
                logprobs,
                topLogprobs,
                tools,
                toolChoice,
                parallelToolCalls,
                responseFormat,
                reasoning,
                user,
                metadata,
                params,
                unknown);
    }

    /** A copy without the given parameters and unknown fields (the provider's drop policy). */
    public ChatRequest without(Set<Param> dropped, Set<String> droppedUnknown) {
        EnumSet<Param> kept = params.isEmpty() ? EnumSet.noneOf(Param.class) : EnumSet.copyOf(params);
        kept.removeAll(dropped);
        Map<String, JsonNode> keptUnknown = new java.util.LinkedHashMap<>(unknown);
        keptUnknown.keySet().removeAll(droppedUnknown);
        return new ChatRequest(
                model,
                messages,
                stream,
                includeUsage,
                keep(dropped, Param.MAX_TOKENS, maxOutputTokens),
                keep(dropped, Param.TEMPERATURE, temperature),
                keep(dropped, Param.TOP_P, topP),
                keep(dropped, Param.TOP_K, topK),
                keep(dropped, Param.N, n),
                dropped.contains(Param.STOP) ? List.of() : stop,
                keep(dropped, Param.SEED, seed),
                keep(dropped, Param.PRESENCE_PENALTY, presencePenalty),
                keep(dropped, Param.FREQUENCY_PENALTY, frequencyPenalty),
                keep(dropped, Param.LOGIT_BIAS, logitBias),
                keep(dropped, Param.LOGPROBS, logprobs),
                keep(dropped, Param.TOP_LOGPROBS, topLogprobs),
                dropped.contains(Param.TOOLS) ? List.of() : tools,
                keep(dropped, Param.TOOL_CHOICE, toolChoice),
                keep(dropped, Param.PARALLEL_TOOL_CALLS, parallelToolCalls),
                keep(dropped, Param.RESPONSE_FORMAT, responseFormat),
                keep(dropped, Param.REASONING, reasoning),
                keep(dropped, Param.USER, user),
                keep(dropped, Param.METADATA, metadata),
                kept,
                keptUnknown);
    }

    private static <T> T keep(Set<Param> dropped, Param param, T value) {
        return dropped.contains(param) ? null : value;
    }
}
