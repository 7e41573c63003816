package dev.meridian.core.protocol.openai;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Encodes canonical messages as OpenAI chat {@code messages}, the mirror of {@link OpenAiMessageDecoder}: it
 * writes back the same extensions that decoder reads, so an OpenAI-protocol provider that understands them
 * (a LiteLLM proxy, Google's OpenAI endpoint) gets reasoning and signatures back on the next turn:
 * {@code thinking_blocks} on assistant messages, {@code extra_content.google.thought_signature} on tool
 * calls, {@code cache_control} on content parts. Reasoning text is never written as {@code reasoning_content}:
 * DeepSeek answers 400 when an input message carries it
 * (https://api-docs.deepseek.com/guides/reasoning_model).
 *
 * <p>A single text part without a cache marker is written as a plain string, anything else as an array of
 * parts. What OpenAI messages cannot hold (an image in a system, assistant or tool message) is refused with
 * a 400 naming the part.
 */
final class OpenAiMessageEncoder {

    private OpenAiMessageEncoder() {}

    static void write(JsonGenerator g, List<Message> messages) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < messages.size(); i++) {
            message(g, messages.get(i), index("messages", i));
        }
        g.writeEndArray();
    }

    private static void message(JsonGenerator g, Message m, String path) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", m.role().name().toLowerCase(Locale.ROOT));
        if (m.name() != null) {
            g.writeStringField("name", m.name());
        }
        if (m.role() == Role.ASSISTANT) {
            assistant(g, m, path);
        } else {
            if (m.role() == Role.TOOL) {
                if (m.toolCallId() == null) {
                    throw GatewayException.invalid(
                            path(path, "tool_call_id"), "A tool result needs the id of the tool call it answers.");
                }
                g.writeStringField("tool_call_id", m.toolCallId());
            }
            g.writeFieldName("content");
            content(g, m.content(), m.role() == Role.USER, path);
        }
        g.writeEndObject();
    }

    private static void content(JsonGenerator g, List<ContentPart> parts, boolean imagesAllowed, String path)
            throws IOException {
        if (parts.isEmpty()) {
            g.writeString("");
            return;
        }
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t && t.cacheControl() == null) {
            g.writeString(t.text());
            return;
        }
        g.writeStartArray();
        for (int i = 0; i < parts.size(); i++) {
            ContentPart part = parts.get(i);
            if (part instanceof ContentPart.Text t) {
                textPart(g, t);
            } else if (part instanceof ContentPart.Image img && imagesAllowed) {
                imagePart(g, img);
            } else {
                throw refused(path, i, part);
            }
        }
        g.writeEndArray();
    }

    private static void assistant(JsonGenerator g, Message m, String path) throws IOException {
        List<ContentPart> parts = m.content();
        int texts = 0;
        boolean cached = false;
        boolean reasoning = false;
        for (int i = 0; i < parts.size(); i++) {
            ContentPart p = parts.get(i);
            if (p instanceof ContentPart.Text t) {
                texts++;
                cached |= t.cacheControl() != null;
            } else if (p instanceof ContentPart.Thinking || p instanceof ContentPart.RedactedThinking) {
                reasoning = true;
            } else if (!(p instanceof ContentPart.ToolCall)) {
                throw refused(path, i, p);
            }
        }
        g.writeFieldName("content");
        if (texts == 0) {
            g.writeNull();
        } else if (texts == 1 && !cached) {
            g.writeString(m.text());
        } else {
            g.writeStartArray();
            for (ContentPart p : parts) {
                if (p instanceof ContentPart.Text t) {
                    textPart(g, t);
                }
            }
            g.writeEndArray();
        }
        if (!m.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ContentPart.ToolCall call : m.toolCalls()) {
                OpenAiResponseEncoder.writeToolCall(
                        g, -1, call.id(), call.name(), call.arguments(), call.thoughtSignature());
            }
            g.writeEndArray();
        }
        if (reasoning) {
            g.writeArrayFieldStart("thinking_blocks");
            for (ContentPart p : parts) {
                if (p instanceof ContentPart.Thinking || p instanceof ContentPart.RedactedThinking) {
                    OpenAiResponseEncoder.writeThinkingBlock(g, p);
                }
            }
            g.writeEndArray();
        }
    }

    private static void textPart(JsonGenerator g, ContentPart.Text t) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "text");
        g.writeStringField("text", t.text());
        cacheControl(g, t.cacheControl());
        g.writeEndObject();
    }

    private static void imagePart(JsonGenerator g, ContentPart.Image img) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "image_url");
        g.writeObjectFieldStart("image_url");
        String url = img.source() instanceof ImageSource.Inline inline
                ? inline.dataUrl()
                : ((ImageSource.Url) img.source()).url();
        g.writeStringField("url", url);
        if (img.detail() != null) {
            g.writeStringField("detail", img.detail());
        }
        g.writeEndObject();
        cacheControl(g, img.cacheControl());
        g.writeEndObject();
    }

    static void cacheControl(JsonGenerator g, JsonNode cacheControl) throws IOException {
        if (cacheControl != null) {
            g.writeFieldName("cache_control");
            Json.MAPPER.writeTree(g, cacheControl);
        }
    }

    private static GatewayException refused(String path, int i, ContentPart part) {
        String kind = part.getClass().getSimpleName();
        return GatewayException.invalid(
                index(path(path, "content"), i),
                "Content of kind '" + kind
                        + "' cannot be sent in this message to an OpenAI-protocol provider: OpenAI messages take images"
                        + " only in user messages, and text, tool calls and reasoning blocks in assistant messages.");
    }
}
