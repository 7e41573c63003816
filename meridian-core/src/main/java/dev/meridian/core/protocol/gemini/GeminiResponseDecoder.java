package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.provider.UpstreamErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a complete {@code GenerateContentResponse} (https://ai.google.dev/api/generate-content#generatecontentresponse)
 * into a {@link ChatResponse}: each candidate is a choice; text parts are text, {@code thought: true} parts are
 * reasoning, {@code functionCall} parts are tool calls carrying their {@code thoughtSignature}
 * (https://ai.google.dev/gemini-api/docs/thought-signatures). Parts of other kinds (inline images, executable
 * code, which the gateway never asks for) are skipped; thought signatures on parts other than function calls
 * are not kept (the API does not validate them).
 *
 * <p>A prompt blocked by {@code promptFeedback.blockReason} has no candidates; it becomes one choice with empty
 * content and finish reason {@code content_filter}, so OpenAI callers see the refusal the way OpenAI reports one.
 */
public final class GeminiResponseDecoder {

    private GeminiResponseDecoder() {}

    /**
     * @param provider      the provider's configured name, for error messages
     * @param fallbackModel the model name to report when Gemini sent no {@code modelVersion}
     * @param created       the timestamp to report, seconds since the epoch (Gemini sends none)
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a response, has neither candidates nor
     *                          a block reason, or a candidate failed (see {@link GeminiFinishReasons})
     */
    public static ChatResponse decode(String provider, byte[] body, String fallbackModel, long created) {
        JsonNode root = GeminiWire.parse(provider, body, "generateContent response");
        String id = GeminiWire.responseId(root);
        JsonNode candidates = root.path("candidates");
        List<Choice> choices = new ArrayList<>();
        if (candidates.isArray() && !candidates.isEmpty()) {
            for (int k = 0; k < candidates.size(); k++) {
                choices.add(choice(provider, candidates.get(k), k, id));
            }
        } else if (GeminiWire.blockReason(root) != null) {
            choices.add(new Choice(0, new Message(Role.ASSISTANT, List.of(), null, null), FinishReason.CONTENT_FILTER));
        } else {
            throw UpstreamErrors.malformed(provider, "generateContent response (no candidates and no block reason)");
        }
        return new ChatResponse(
                id,
                GeminiWire.model(root, fallbackModel),
                created,
                choices,
                GeminiWire.usage(root.get("usageMetadata")),
                null);
    }

    private static Choice choice(String provider, JsonNode candidate, int position, String responseId) {
        if (!candidate.isObject()) {
            throw UpstreamErrors.malformed(provider, "generateContent response (a candidate is not an object)");
        }
        int index = GeminiWire.candidateIndex(candidate, position);
        List<ContentPart> parts = new ArrayList<>();
        int calls = 0;
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.get("functionCall");
            if (call != null && call.isObject()) {
                parts.add(new ContentPart.ToolCall(
                        GeminiWire.toolCallId(call, responseId, index, calls),
                        GeminiWire.callName(provider, call),
                        GeminiWire.arguments(call),
                        Json.text(part, "thoughtSignature")));
                calls++;
            } else if (part.path("text").isTextual()) {
                String text = part.get("text").textValue();
                if (GeminiWire.isThought(part)) {
                    parts.add(new ContentPart.Thinking(text, null));
                } else if (!text.isEmpty()) {
                    parts.add(ContentPart.Text.of(text));
                }
            }
        }
        String reason = Json.text(candidate, "finishReason");
        FinishReason finish = reason == null
                ? null
                : GeminiFinishReasons.map(provider, reason, calls > 0, Json.text(candidate, "finishMessage"));
        return new Choice(index, new Message(Role.ASSISTANT, parts, null, null), finish);
    }
}
