package dev.meridian.core.protocol.anthropic;

import static dev.meridian.core.json.Fields.index;
import static dev.meridian.core.json.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Encodes the conversation into Anthropic's top-level {@code system} and {@code messages}
 * (https://platform.claude.com/docs/en/api/messages). Rules, each forced by the Messages API:
 * <ul>
 *   <li>system and developer messages become {@code system} text blocks, in order, wherever they stood
 *       (Anthropic has no system role inside {@code messages}, so a mid-conversation instruction is hoisted);</li>
 *   <li>{@code tool} messages become {@code tool_result} blocks of a {@code user} turn, and consecutive turns of
 *       one role are merged into one (the API expects alternating turns), tool results first in their turn
 *       (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use);</li>
 *   <li>an assistant turn holds its thinking blocks first, unchanged, then text, then {@code tool_use} blocks
 *       (https://platform.claude.com/docs/en/build-with-claude/extended-thinking#preserving-thinking-blocks);
 *       thinking without a signature (another provider's reasoning) is left out, since Anthropic only accepts
 *       its own signed blocks and documents that earlier turns' thinking may be omitted;</li>
 *   <li>empty text is not sent (Anthropic rejects empty text blocks), and a turn left with no blocks is skipped;</li>
 *   <li>an image's OpenAI {@code detail} hint has no Anthropic counterpart and is not sent
 *       (https://platform.claude.com/docs/en/build-with-claude/vision).</li>
 * </ul>
 */
final class AnthropicMessageEncoder {

    /** The inline image types Anthropic accepts ({@code Base64ImageSource.media_type}). */
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    record Encoded(ArrayNode system, ArrayNode messages) {}

    private AnthropicMessageEncoder() {}

    static Encoded encode(List<Message> messages) {
        ArrayNode system = Json.NODES.arrayNode();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            String path = index("messages", i);
            if (m.role().isInstruction()) {
                system.addAll(textBlocks(m, path));
                continue;
            }
            Turn turn = switch (m.role()) {
                case ASSISTANT -> assistant(m, path);
                case TOOL -> toolResult(m, path);
                default -> user(m, path);
            };
            if (turn.isEmpty()) {
                continue;
            }
            Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (last != null && last.role.equals(turn.role)) {
                last.absorb(turn);
            } else {
                turns.add(turn);
            }
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (Turn t : turns) {
            out.add(t.toJson());
        }
        return new Encoded(system, out);
    }

    /** The text blocks of a message that may hold only text (system, developer, tool), empty text left out. */
    private static ArrayNode textBlocks(Message m, String path) {
        ArrayNode blocks = Json.NODES.arrayNode();
        for (int j = 0; j < m.content().size(); j++) {
            ContentPart part = m.content().get(j);
            if (!(part instanceof ContentPart.Text t)) {
                throw notAllowed(index(path(path, "content"), j), part, m.role());
            }
            if (!t.text().isEmpty()) {
                blocks.add(text(t));
            }
        }
        return blocks;
    }

    private static Turn user(Message m, String path) {
        Turn turn = new Turn("user");
        for (int j = 0; j < m.content().size(); j++) {
            ContentPart part = m.content().get(j);
            String partPath = index(path(path, "content"), j);
            if (part instanceof ContentPart.Text t) {
                if (!t.text().isEmpty()) {
                    turn.content.add(text(t));
                }
            } else if (part instanceof ContentPart.Image img) {
                turn.content.add(image(img, partPath));
            } else {
                throw notAllowed(partPath, part, m.role());
            }
        }
        return turn;
    }

    private static Turn assistant(Message m, String path) {
        Turn turn = new Turn("assistant");
        int call = 0;
        for (int j = 0; j < m.content().size(); j++) {
            ContentPart part = m.content().get(j);
            if (part instanceof ContentPart.Thinking t) {
                if (t.signature() != null) {
                    turn.leading.add(Json.object()
                            .put("type", "thinking")
                            .put("thinking", t.text())
                            .put("signature", t.signature()));
                }
            } else if (part instanceof ContentPart.RedactedThinking r) {
                turn.leading.add(Json.object().put("type", "redacted_thinking").put("data", r.data()));
            } else if (part instanceof ContentPart.Text t) {
                if (!t.text().isEmpty()) {
                    turn.content.add(text(t));
                }
            } else if (part instanceof ContentPart.ToolCall c) {
                String argsPath = path(index(path(path, "tool_calls"), call++), "function.arguments");
                ObjectNode use =
                        Json.object().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                use.set("input", arguments(c.arguments(), argsPath));
                turn.trailing.add(use);
            } else {
                throw notAllowed(index(path(path, "content"), j), part, m.role());
            }
        }
        return turn;
    }

    private static Turn toolResult(Message m, String path) {
        ArrayNode blocks = textBlocks(m, path);
        ObjectNode result = Json.object().put("type", "tool_result").put("tool_use_id", m.toolCallId());
        if (blocks.size() == 1 && !blocks.get(0).has("cache_control")) {
            result.put("content", blocks.get(0).get("text").textValue());
        } else if (!blocks.isEmpty()) {
            result.set("content", blocks);
        }
        Turn turn = new Turn("user");
        turn.leading.add(result);
        return turn;
    }

    private static ObjectNode text(ContentPart.Text t) {
        return withCache(Json.object().put("type", "text").put("text", t.text()), t.cacheControl());
    }

    private static ObjectNode image(ContentPart.Image img, String path) {
        ObjectNode source = Json.object();
        if (img.source() instanceof ImageSource.Url u) {
            source.put("type", "url").put("url", u.url());
        } else {
            ImageSource.Inline inline = (ImageSource.Inline) img.source();
            if (!IMAGE_TYPES.contains(inline.mediaType())) {
                String p = path(path, "image_url.url");
                throw GatewayException.invalid(
                        p,
                        "Invalid '" + p + "': Anthropic accepts inline images of type "
                                + "image/jpeg, image/png, image/gif or image/webp, not '" + inline.mediaType() + "'.");
            }
            source.put("type", "base64").put("media_type", inline.mediaType()).put("data", inline.base64Data());
        }
        ObjectNode block = Json.object().put("type", "image");
        block.set("source", source);
        return withCache(block, img.cacheControl());
    }

    /**
     * A tool call's arguments as the JSON object Anthropic's {@code tool_use.input} must be. Empty arguments
     * (which some clients send for functions without parameters) are the empty object.
     */
    private static JsonNode arguments(String arguments, String path) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        JsonNode input;
        try {
            input = Json.parse(arguments.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            throw GatewayException.invalid(
                    path,
                    "Invalid '" + path + "': Anthropic needs a tool call's arguments"
                            + " as a JSON object, but they are not one.");
        }
        return input;
    }

    private static ObjectNode withCache(ObjectNode block, JsonNode cacheControl) {
        if (cacheControl != null) {
            block.set("cache_control", cacheControl);
        }
        return block;
    }

    private static GatewayException notAllowed(String path, ContentPart part, Role role) {
        return GatewayException.invalid(
                path,
                "A " + part.getClass().getSimpleName() + " part cannot be sent to" + " Anthropic in a '"
                        + role.name().toLowerCase(Locale.ROOT) + "' message.");
    }

    /**
     * One Anthropic turn being built, in three ordered groups: {@code leading} (tool results of a user turn,
     * thinking of an assistant turn), {@code content} (text, images) and {@code trailing} (tool_use blocks).
     */
    private static final class Turn {
        final String role;
        final List<JsonNode> leading = new ArrayList<>();
        final List<JsonNode> content = new ArrayList<>();
        final List<JsonNode> trailing = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }

        boolean isEmpty() {
            return leading.isEmpty() && content.isEmpty() && trailing.isEmpty();
        }

        void absorb(Turn next) {
            leading.addAll(next.leading);
            content.addAll(next.content);
            trailing.addAll(next.trailing);
        }

        ObjectNode toJson() {
            ObjectNode turn = Json.object().put("role", role);
            ArrayNode blocks = turn.putArray("content");
            blocks.addAll(leading);
            blocks.addAll(content);
            blocks.addAll(trailing);
            return turn;
        }
    }
}
