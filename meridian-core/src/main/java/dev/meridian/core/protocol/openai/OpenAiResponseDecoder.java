package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI-protocol provider's {@code chat.completion}
 * (https://platform.openai.com/docs/api-reference/chat/object) into a {@link ChatResponse}, together with
 * the reasoning extensions compatible servers add to the message: {@code reasoning_content} (DeepSeek, vLLM,
 * Qwen: https://api-docs.deepseek.com/guides/reasoning_model), {@code reasoning} (OpenRouter, Ollama) and
 * {@code thinking_blocks} (LiteLLM; each block with its signature, preferred when present because it is
 * complete). A {@code refusal} becomes a text part, so callers of other protocols see why the model
 * declined. Shape is checked: a 2xx body that is not a chat completion is the provider's failure, not an
 * empty answer.
 *
 * <p>Finish reasons: stop, length, tool_calls, content_filter as named; the legacy {@code function_call}
 * is tool_calls; DeepSeek's {@code insufficient_system_resource}, OpenRouter's {@code error} and vLLM's
 * {@code abort} mean the provider failed mid-answer and are raised as {@link ErrorCode#UPSTREAM_ERROR}; any
 * other value is treated as stop.
 */
public final class OpenAiResponseDecoder {

    private OpenAiResponseDecoder() {}

    /**
     * @throws GatewayException {@link ErrorCode#UPSTREAM_ERROR} for a body that is not a chat completion, or
     *                          the provider's error when the body is an error object despite the 2xx status
     */
    public static ChatResponse decode(String provider, byte[] body) {
        JsonNode root = parse(provider, body, "chat completion");
        JsonNode choices = root.get("choices");
        String object = Json.text(root, "object");
        if (choices == null || !choices.isArray() || (object != null && !object.equals("chat.completion"))) {
            throw UpstreamErrors.malformed(
                    provider, "chat completion: expected an object \"chat.completion\" with" + " a 'choices' array");
        }
        List<Choice> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            JsonNode message = c.get("message");
            if (message == null || !message.isObject()) {
                throw UpstreamErrors.malformed(provider, "chat completion: choice " + i + " has no message");
            }
            out.add(new Choice(
                    c.path("index").asInt(i),
                    message(provider, message),
                    finishReason(provider, Json.text(c, "finish_reason"))));
        }
        return new ChatResponse(
                textOr(root, "id", "chatcmpl-unknown"),
                textOr(root, "model", "unknown"),
                root.path("created").asLong(Instant.now().getEpochSecond()),
                out,
                OpenAiUsage.read(root.get("usage")),
                Json.text(root, "system_fingerprint"));
    }

    /**
     * Parses a 2xx body or stream event. An {@code error} member means the provider failed even though the
     * status said otherwise (compatible servers do this, and OpenAI does it mid-stream): it is raised as the
     * provider's error, with the status taken from a numeric error {@code code} when there is one.
     */
    static JsonNode parse(String provider, byte[] body, String what) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, what, e);
        }
        if (root == null || !root.isObject()) {
            throw UpstreamErrors.malformed(provider, what + ": expected a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            JsonNode code = error.path("code");
            int status =
                    code.isIntegralNumber() && code.intValue() >= 400 && code.intValue() <= 599 ? code.intValue() : 500;
            throw OpenAiErrors.decode(provider, status, null, body);
        }
        return root;
    }

    static FinishReason finishReason(String provider, String name) {
        if (name == null) {
            return null;
        }
        FinishReason reason = FinishReason.fromOpenAi(name);
        if (reason != null) {
            return reason;
        }
        if (name.equals("insufficient_system_resource") || name.equals("error") || name.equals("abort")) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider + "' stopped the answer before it was complete (finish_reason '"
                                    + name + "').")
                    .provider(provider)
                    .build();
        }
        return FinishReason.STOP;
    }

    private static Message message(String provider, JsonNode m) {
        List<ContentPart> parts = new ArrayList<>();
        JsonNode blocks = m.get("thinking_blocks");
        if (blocks != null && blocks.isArray() && !blocks.isEmpty()) {
            for (JsonNode b : blocks) {
                parts.add(thinkingBlock(provider, b));
            }
        } else {
            String reasoning = reasoningText(m);
            if (reasoning != null && !reasoning.isEmpty()) {
                parts.add(new ContentPart.Thinking(reasoning, null));
            }
        }
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            parts.add(ContentPart.Text.of(content.textValue()));
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                if (!"text".equals(Json.text(part, "type"))
                        || !part.path("text").isTextual()) {
                    throw UpstreamErrors.malformed(
                            provider, "chat completion: unsupported content part " + part.path("type"));
                }
                parts.add(ContentPart.Text.of(part.get("text").textValue()));
            }
        } else if (content != null && !content.isNull()) {
            throw UpstreamErrors.malformed(provider, "chat completion: message content is " + content.getNodeType());
        }
        String refusal = Json.text(m, "refusal");
        if (refusal != null) {
            parts.add(ContentPart.Text.of(refusal));
        }
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                parts.add(toolCall(provider, calls.get(i), i));
            }
        }
        return new Message(Role.ASSISTANT, parts, null, null);
    }

    private static ContentPart.ToolCall toolCall(String provider, JsonNode call, int i) {
        JsonNode function = call.path("function");
        String name = Json.text(function, "name");
        if (name == null) {
            throw UpstreamErrors.malformed(provider, "chat completion: tool call " + i + " has no function name");
        }
        JsonNode arguments = function.get("arguments");
        String args = arguments == null || arguments.isNull()
                ? "{}"
                : arguments.isTextual() ? arguments.textValue() : arguments.toString();
        return new ContentPart.ToolCall(textOr(call, "id", "call_" + i), name, args, thoughtSignature(call));
    }

    /** Reasoning text of a message or delta: {@code reasoning_content}, else {@code reasoning}; or null. */
    static String reasoningText(JsonNode messageOrDelta) {
        JsonNode r = messageOrDelta.get("reasoning_content");
        if (r == null || !r.isTextual()) {
            r = messageOrDelta.get("reasoning");
        }
        return r != null && r.isTextual() ? r.textValue() : null;
    }

    /** One {@code thinking_blocks} entry, as {@link OpenAiResponseEncoder#writeThinkingBlock} writes it. */
    static ContentPart thinkingBlock(String provider, JsonNode b) {
        String type = Json.text(b, "type");
        if ("thinking".equals(type) && b.path("thinking").isTextual()) {
            return new ContentPart.Thinking(b.get("thinking").textValue(), Json.text(b, "signature"));
        }
        if ("redacted_thinking".equals(type) && b.path("data").isTextual()) {
            return new ContentPart.RedactedThinking(b.get("data").textValue());
        }
        throw UpstreamErrors.malformed(provider, "thinking block of type " + b.path("type"));
    }

    /** Google's {@code extra_content.google.thought_signature} on a tool call, or null. */
    static String thoughtSignature(JsonNode call) {
        return Json.text(call.path("extra_content").path("google"), "thought_signature");
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = Json.text(node, field);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
