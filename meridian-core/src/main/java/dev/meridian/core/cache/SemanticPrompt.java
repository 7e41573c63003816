package dev.meridian.core.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;

/**
 * What the semantic cache compares: the text of a chat request's messages, which is embedded and compared by
 * similarity, and the digest of everything else that changes the answer, which must match exactly. The rest is the
 * request's canonical form ({@link CanonicalJson}) with each message's text replaced by an empty string: the number
 * of messages, their roles, names, tool calls, images, and every other field (tools, temperature, the model group,
 * response format...) stay in it, so two requests that differ in anything but wording never share an answer.
 * Immutable.
 *
 * @param text       the messages' text, one {@code role: text} line per message, in order
 * @param restSha256 the SHA-256 of the canonical request without its message texts, lower-case hex
 */
public record SemanticPrompt(String text, String restSha256) {

    public SemanticPrompt {
        requireNonNull(text, "text");
        requireNonNull(restSha256, "restSha256");
    }

    /**
     * Reads an OpenAI-shaped chat request ({@code messages} of {@code role} and {@code content}, a string or parts of
     * which the {@code text} ones are text).
     *
     * @param request the request, validated by its front door
     * @param ignored top-level fields that do not change the answer (as for the exact key)
     * @param door    the front door's protocol and operation
     */
    public static SemanticPrompt of(
            JsonNode request, Set<String> ignored, String modelField, String group, String door) {
        StringBuilder text = new StringBuilder(256);
        ObjectNode rest = request.deepCopy();
        JsonNode messages = rest.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                if (m instanceof ObjectNode message) {
                    read(message, text);
                }
            }
        }
        CacheFingerprint digest = CanonicalJson.fingerprint(rest, ignored, modelField, group, door + " semantic");
        return new SemanticPrompt(text.toString(), digest.sha256());
    }

    /** Appends the message's text to {@code text} and blanks it in the message. */
    private static void read(ObjectNode message, StringBuilder text) {
        JsonNode content = message.get("content");
        String role = message.path("role").asText("");
        if (content != null && content.isTextual()) {
            line(text, role, content.textValue());
            message.set("content", TextNode.valueOf(""));
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                if (part instanceof ObjectNode p && p.path("text").isTextual()) {
                    line(text, role, p.get("text").textValue());
                    p.set("text", TextNode.valueOf(""));
                }
            }
        }
    }

    private static void line(StringBuilder text, String role, String value) {
        if (value.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(role).append(": ").append(value);
    }
}
