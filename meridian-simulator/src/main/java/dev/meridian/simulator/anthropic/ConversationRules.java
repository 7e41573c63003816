package dev.meridian.simulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.Signer;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rules the Messages API enforces across turns, with its error messages:
 *
 * <ul>
 *   <li>every {@code tool_result} answers a {@code tool_use} of the message just before it, and every
 *       {@code tool_use} is answered in the message just after it;
 *   <li>every {@code thinking} block carries the signature the simulator gave it, and every
 *       {@code redacted_thinking} block the data it gave (so edited or invented blocks fail);
 *   <li>with thinking enabled, an assistant turn that used tools and is being answered with tool
 *       results must start with a thinking or redacted_thinking block.
 * </ul>
 */
final class ConversationRules {

    private final AnthropicErrors errors;

    ConversationRules(AnthropicErrors errors) {
        this.errors = errors;
    }

    void check(JsonNode messages, boolean thinkingEnabled) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if (messages.get(i).path("role").asText().equals("assistant")) {
                checkThinkingBlocks(content, i);
            } else {
                checkResults(content, i, i > 0 ? messages.get(i - 1) : null);
            }
        }
        for (int i = 0; i + 1 < messages.size(); i++) {
            if (messages.get(i).path("role").asText().equals("assistant")) {
                checkAnswered(messages.get(i).path("content"), i, messages.get(i + 1));
            }
        }
        if (thinkingEnabled) {
            checkThinkingStartsToolTurn(messages);
        }
    }

    /** The tool result the conversation ends with, named after the tool_use it answers. */
    static Optional<Conversation.ToolResult> finalToolResult(JsonNode messages) {
        int last = messages.size() - 1;
        if (last < 1 || !messages.get(last).path("role").asText().equals("user")) {
            return Optional.empty();
        }
        Optional<Conversation.ToolResult> result = Optional.empty();
        for (JsonNode block : messages.get(last).path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                String name = toolName(
                                messages.get(last - 1),
                                block.path("tool_use_id").asText())
                        .orElse("unknown");
                String text = DirectiveSyntax.strip(MessagesDecoder.blockText(block));
                result = Optional.of(new Conversation.ToolResult(name, text));
            }
        }
        return result;
    }

    private void checkThinkingBlocks(JsonNode content, int index) {
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = block.path("type").asText();
            if (type.equals("thinking")
                    && !Signer.verifyThinking(
                            block.path("thinking").asText(),
                            block.path("signature").asText())) {
                throw reject("messages." + index + ".content." + j + ": Invalid `signature` in `thinking` block");
            }
            if (type.equals("redacted_thinking")
                    && !Signer.verifyRedacted(block.path("data").asText())) {
                throw reject("messages." + index + ".content." + j + ": Invalid `data` in `redacted_thinking` block");
            }
        }
    }

    private void checkAnswered(JsonNode content, int index, JsonNode next) {
        Set<String> unanswered = ids(content, "tool_use", "id");
        if (unanswered.isEmpty()) {
            return;
        }
        unanswered.removeAll(ids(next.path("content"), "tool_result", "tool_use_id"));
        if (!unanswered.isEmpty()) {
            throw reject("messages." + index + ": `tool_use` ids were found without `tool_result` blocks "
                    + "immediately after: " + String.join(", ", unanswered) + ". Each `tool_use` block must have a "
                    + "corresponding `tool_result` block in the next message.");
        }
    }

    private void checkResults(JsonNode content, int index, JsonNode previous) {
        Set<String> offered = previous == null ? Set.of() : ids(previous.path("content"), "tool_use", "id");
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String id = block.path("tool_use_id").asText();
            if (block.path("type").asText().equals("tool_result") && !offered.contains(id)) {
                throw reject("messages." + index + ".content." + j + ": unexpected `tool_use_id` found in "
                        + "`tool_result` blocks: " + id + ". Each `tool_result` block must have a corresponding "
                        + "`tool_use` block in the previous message.");
            }
        }
    }

    private void checkThinkingStartsToolTurn(JsonNode messages) {
        int last = messages.size() - 1;
        if (last < 1
                || ids(messages.get(last).path("content"), "tool_result", "tool_use_id")
                        .isEmpty()) {
            return;
        }
        JsonNode assistant = messages.get(last - 1).path("content");
        String first = assistant.path(0).path("type").asText(assistant.isTextual() ? "text" : "");
        if (!first.equals("thinking") && !first.equals("redacted_thinking")) {
            throw reject("messages." + (last - 1) + ".content.0.type: Expected `thinking` or `redacted_thinking`, "
                    + "but found `" + first + "`. When `thinking` is enabled, a final `assistant` message must start "
                    + "with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We "
                    + "recommend you include thinking blocks from previous turns. To avoid this requirement, disable "
                    + "`thinking`. Please consult our documentation at "
                    + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking");
        }
    }

    private static Optional<String> toolName(JsonNode assistant, String toolUseId) {
        for (JsonNode block : assistant.path("content")) {
            if (block.path("type").asText().equals("tool_use")
                    && block.path("id").asText().equals(toolUseId)) {
                return Optional.of(block.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static Set<String> ids(JsonNode content, String type, String field) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals(type)) {
                ids.add(block.path(field).asText());
            }
        }
        return ids;
    }

    private Rejection reject(String message) {
        return new Rejection(errors.invalidRequest(message));
    }
}
