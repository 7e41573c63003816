package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.tokens.TokenEstimate;
import java.util.Iterator;
import java.util.Map;

/**
 * Marks the stable prefix of an Anthropic Messages body for prompt caching
 * (https://platform.claude.com/docs/en/build-with-claude/prompt-caching), for a model group whose
 * {@code cache.providerPrompt} is {@code auto}. Anthropic reads a prompt in the order tools → system → messages and
 * caches everything up to a {@code cache_control} breakpoint; so up to three breakpoints go, each only where the
 * prefix that ends there is past the model's minimum cacheable length ({@link AnthropicCacheMinimums}):
 * <ol>
 *   <li>on the last tool (requests with the same tools share it);</li>
 *   <li>on the last system block (the same tools and instructions, whatever the conversation);</li>
 *   <li>on the last block of the earlier turns, the message before the final one (the conversation so far, which
 *       the next turn repeats; Anthropic looks back up to 20 blocks from a breakpoint for an earlier entry).</li>
 * </ol>
 * Rules:
 * <ul>
 *   <li>A caller who set any {@code cache_control} (on a block, or the top-level automatic form) manages caching
 *       and gets nothing added: their breakpoints stay where they are, and they pay no cache write they did not
 *       choose. Three plus none stays within Anthropic's limit of {@value #MAX_BREAKPOINTS}.</li>
 *   <li>A breakpoint is {@code {"type":"ephemeral"}}, Anthropic's default five-minute cache: a write costs 1.25× the
 *       input price, a read 0.1×, so a prefix read once more already pays back.</li>
 *   <li>Thinking blocks cannot carry {@code cache_control}; the breakpoint goes on the last block that can.</li>
 *   <li>A string {@code system} or message content becomes the one text block it stands for, which the API treats
 *       the same; nothing else changes, so the answer cannot.</li>
 *   <li>The prefix is measured by {@link TokenEstimate} over its text (base64 image data and thinking signatures
 *       left out), never tokenized. A mistake is cheap: Anthropic ignores a breakpoint on too short a prefix.</li>
 * </ul>
 */
public final class AnthropicPromptCache {

    /** Anthropic's limit on breakpoints per request. */
    public static final int MAX_BREAKPOINTS = 4;

    private AnthropicPromptCache() {}

    /**
     * Inserts breakpoints into {@code body}, in place.
     *
     * @param body  an Anthropic Messages request body
     * @param model Anthropic's name for the model, which sets the minimum cacheable length
     * @return how many breakpoints were inserted (0 to 3)
     */
    public static int insert(ObjectNode body, String model) {
        if (callerCaches(body)) {
            return 0;
        }
        long minimum = AnthropicCacheMinimums.tokens(model);
        long chars = 0;
        int inserted = 0;
        if (body.get("tools") instanceof ArrayNode tools && !tools.isEmpty()) {
            chars += textLength(tools);
            inserted += mark(tools, chars, minimum);
        }
        ArrayNode system = blocks(body, "system");
        if (system != null && !system.isEmpty()) {
            chars += textLength(system);
            inserted += mark(system, chars, minimum);
        }
        if (body.get("messages") instanceof ArrayNode messages && messages.size() > 1) {
            ArrayNode last = null;
            for (int i = 0; i < messages.size() - 1; i++) {
                if (messages.get(i) instanceof ObjectNode message) {
                    ArrayNode content = blocks(message, "content");
                    if (content != null) {
                        chars += textLength(content);
                        if (markable(content) != null) {
                            last = content;
                        }
                    }
                }
            }
            if (last != null) {
                inserted += mark(last, chars, minimum);
            }
        }
        return inserted;
    }

    /** Whether the body holds a breakpoint of the caller's anywhere Anthropic reads one. */
    static boolean callerCaches(ObjectNode body) {
        if (body.has("cache_control")) {
            return true;
        }
        return anyMarked(body.get("tools")) || anyMarked(body.get("system")) || anyMarkedIn(body.get("messages"));
    }

    private static boolean anyMarkedIn(JsonNode messages) {
        if (messages instanceof ArrayNode array) {
            for (JsonNode m : array) {
                if (anyMarked(m.get("content"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyMarked(JsonNode blocks) {
        if (blocks instanceof ArrayNode array) {
            for (JsonNode b : array) {
                if (b.has("cache_control") || anyMarked(b.get("content"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code holder[field]} as an array of blocks, a string turned into one text block; null when neither. */
    private static ArrayNode blocks(ObjectNode holder, String field) {
        JsonNode value = holder.get(field);
        if (value instanceof ArrayNode array) {
            return array;
        }
        if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
            ArrayNode array = Json.NODES.arrayNode();
            array.addObject().put("type", "text").put("text", value.textValue());
            holder.set(field, array);
            return array;
        }
        return null;
    }

    private static int mark(ArrayNode blocks, long chars, long minimum) {
        if (TokenEstimate.fromChars(chars) < minimum) {
            return 0;
        }
        ObjectNode block = markable(blocks);
        if (block == null) {
            return 0;
        }
        block.putObject("cache_control").put("type", "ephemeral");
        return 1;
    }

    /** The last block that may carry {@code cache_control}: not a thinking block; null when none. */
    private static ObjectNode markable(ArrayNode blocks) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (blocks.get(i) instanceof ObjectNode block) {
                String type = block.path("type").asText("");
                if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                    return block;
                }
            }
        }
        return null;
    }

    /** The characters of every string in {@code node}, base64 data and signatures left out. */
    static long textLength(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().length();
        }
        long n = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("data") && !e.getKey().equals("signature")) {
                    n += e.getKey().length() + textLength(e.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                n += textLength(item);
            }
        }
        return n;
    }
}
