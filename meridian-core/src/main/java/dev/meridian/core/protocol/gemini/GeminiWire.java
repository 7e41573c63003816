package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Reads the pieces of a {@code GenerateContentResponse} that the complete and the streamed decoders share.
 * Reference: https://ai.google.dev/api/generate-content#generatecontentresponse
 */
final class GeminiWire {

    private GeminiWire() {}

    /** Parses a 2xx body or stream event; malformed JSON is the provider's fault (502). */
    static JsonNode parse(String provider, byte[] json, String what) {
        try {
            JsonNode node = Json.parse(json);
            if (node == null || !node.isObject()) {
                throw UpstreamErrors.malformed(provider, what);
            }
            return node;
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, what, e);
        }
    }

    /** {@code responseId}; a random id only when Gemini sent none (it always does today). */
    static String responseId(JsonNode response) {
        String id = Json.text(response, "responseId");
        return id != null ? id : "gemini-" + UUID.randomUUID();
    }

    /** {@code modelVersion}, else the fallback (the adapter's name: the SPI does not hand decoders the model). */
    static String model(JsonNode response, String fallback) {
        String version = Json.text(response, "modelVersion");
        return version != null ? version : fallback;
    }

    /** A candidate's {@code index}; proto3 JSON omits the default 0, so its position is the fallback. */
    static int candidateIndex(JsonNode candidate, int position) {
        JsonNode index = candidate.get("index");
        return index != null && index.canConvertToInt() ? index.intValue() : position;
    }

    static boolean isThought(JsonNode part) {
        return part.path("thought").asBoolean(false);
    }

    /**
     * The id of a function call: Gemini's {@code functionCall.id} when it gave one, else
     * {@code call_<responseId>_<candidate>_<n>}, deterministic for a response and unique across turns
     * (the Developer API often sends calls without an id, and OpenAI callers need one to answer).
     */
    static String toolCallId(JsonNode functionCall, String responseId, int candidate, int n) {
        String id = Json.text(functionCall, "id");
        return id != null && !id.isEmpty() ? id : "call_" + responseId + "_" + candidate + "_" + n;
    }

    /** {@code functionCall.name}; a call without one is malformed. */
    static String callName(String provider, JsonNode functionCall) {
        String name = Json.text(functionCall, "name");
        if (name == null || name.isEmpty()) {
            throw UpstreamErrors.malformed(provider, "function call (no name)");
        }
        return name;
    }

    /** The compact JSON text of {@code functionCall.args}; {@code {}} when the call has none. */
    static String arguments(JsonNode functionCall) {
        JsonNode args = functionCall.get("args");
        if (args == null || args.isNull()) {
            return "{}";
        }
        try {
            return Json.MAPPER.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code usageMetadata} in OpenAI's accounting: input counts the prompt (cached content included, as
     * Gemini reports it) plus tool-use prompt tokens; output counts candidates plus thoughts. Null when absent.
     */
    static Usage usage(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return null;
        }
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        return new Usage(
                metadata.path("promptTokenCount").asLong(0)
                        + metadata.path("toolUsePromptTokenCount").asLong(0),
                metadata.path("candidatesTokenCount").asLong(0) + thoughts,
                metadata.path("cachedContentTokenCount").asLong(0),
                0,
                thoughts);
    }

    /** {@code promptFeedback.blockReason}, or null when the prompt was not blocked. */
    static String blockReason(JsonNode response) {
        return Json.text(response.path("promptFeedback"), "blockReason");
    }
}
