package dev.meridian.simulator.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Conversation;
import dev.meridian.simulator.engine.Conversation.ToolChoice;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Messages request body and rejects what the real API rejects with its messages: missing
 * {@code model}, {@code max_tokens} or {@code messages}, a {@code system} role inside messages, bad
 * thinking budgets, forced tool use with thinking; {@link ConversationRules} checks the turns.
 */
final class MessagesDecoder {

    static final int MIN_THINKING_BUDGET = 1024;
    private static final String THINKING_DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    private final AnthropicErrors errors;

    MessagesDecoder(AnthropicErrors errors) {
        this.errors = errors;
    }

    /** Decodes a request; count_tokens requests do not need {@code max_tokens}. */
    MessagesRequest decode(JsonNode body, boolean countOnly) {
        String model = Json.string(body.path("model"))
                .filter(m -> !m.isEmpty())
                .orElseThrow(() -> reject("model: Field required"));
        JsonNode maxTokens = body.path("max_tokens");
        if (!countOnly && !maxTokens.canConvertToInt()) {
            throw reject("max_tokens: Field required");
        }
        if (!countOnly && maxTokens.intValue() < 1) {
            throw reject("max_tokens: Input should be greater than or equal to 1");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw reject("messages: Field required");
        }
        if (messages.isEmpty()) {
            throw reject("messages: at least one message is required");
        }
        boolean thinking = thinking(body, maxTokens.intValue(), countOnly);
        Conversation.Builder conversation =
                Conversation.builder(model).thinking(thinking).maxTokens(maxTokens.asInt(Integer.MAX_VALUE));
        PromptSegments prompt = new PromptSegments();
        readTools(body, conversation, prompt, thinking);
        readSystem(body.path("system"), prompt);
        readMessages(messages, conversation, prompt);
        new ConversationRules(errors).check(messages, thinking);
        List<String> stops = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        conversation.stopSequences(stops);
        return new MessagesRequest(
                conversation.build(),
                directives(messages),
                body.path("stream").asBoolean(false),
                prompt.tokens(),
                prompt.prefixTokens(),
                prompt.prefixKey(model));
    }

    private boolean thinking(JsonNode body, int maxTokens, boolean countOnly) {
        JsonNode thinking = body.path("thinking");
        String type = thinking.path("type").asText("disabled");
        if (type.equals("enabled")) {
            int budget = thinking.path("budget_tokens").asInt(0);
            if (budget < MIN_THINKING_BUDGET) {
                throw reject("thinking.enabled.budget_tokens: Input should be greater than or equal to "
                        + MIN_THINKING_BUDGET);
            }
            if (!countOnly && maxTokens <= budget) {
                throw reject("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our "
                        + "documentation at " + THINKING_DOCS + "#max-tokens-and-context-window-size");
            }
        }
        return type.equals("enabled") || type.equals("adaptive");
    }

    private void readTools(JsonNode body, Conversation.Builder conversation, PromptSegments prompt, boolean thinking) {
        for (JsonNode tool : body.path("tools")) {
            conversation.tool(new Conversation.Tool(tool.path("name").asText(), tool.path("input_schema")));
            prompt.add(Tokens.count(tool), Json.canonical(tool), tool.has("cache_control"));
        }
        JsonNode choice = body.path("tool_choice");
        String type = choice.path("type").asText("auto");
        if (thinking && (type.equals("any") || type.equals("tool"))) {
            throw reject("Thinking may not be enabled when tool_choice forces tool use.");
        }
        conversation.toolChoice(
                switch (type) {
                    case "any" -> ToolChoice.REQUIRED;
                    case "tool" -> new ToolChoice.Named(choice.path("name").asText());
                    case "none" -> ToolChoice.NONE;
                    default -> ToolChoice.AUTO;
                });
    }

    private static void readSystem(JsonNode system, PromptSegments prompt) {
        if (system.isTextual()) {
            prompt.add(Tokens.count(system.textValue()), system.textValue(), false);
        }
        for (JsonNode block : system) {
            String text = block.path("text").asText();
            prompt.add(Tokens.count(text), text, block.has("cache_control"));
        }
    }

    private void readMessages(JsonNode messages, Conversation.Builder conversation, PromptSegments prompt) {
        String lastUserText = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText();
            if (role.equals("system")) {
                throw reject("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` "
                        + "parameter, not \"system\" as an input message role.");
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                throw reject("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                prompt.add(Tokens.count(content.textValue()), content.textValue(), false);
            }
            for (JsonNode block : content) {
                String text = blockText(block);
                prompt.add(Tokens.count(text), Json.canonical(block), block.has("cache_control"));
            }
            if (role.equals("user") && !userText(content).isEmpty()) {
                lastUserText = userText(content);
            }
        }
        conversation.lastUserText(DirectiveSyntax.strip(lastUserText));
        ConversationRules.finalToolResult(messages).ifPresent(conversation::toolResult);
    }

    private Directives directives(JsonNode messages) {
        JsonNode last = messages.get(messages.size() - 1);
        if (!last.path("role").asText().equals("user")) {
            return Directives.NONE;
        }
        StringBuilder text = new StringBuilder(userText(last.path("content")));
        for (JsonNode block : last.path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                text.append(' ').append(blockText(block));
            }
        }
        try {
            return DirectiveSyntax.extract(text.toString()).directives();
        } catch (IllegalArgumentException e) {
            throw reject(e.getMessage());
        }
    }

    /** The text blocks of a user message (not tool results), joined by spaces. */
    static String userText(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                out.append(out.length() > 0 ? " " : "")
                        .append(block.path("text").asText());
            }
        }
        return out.toString();
    }

    /** The text a block contributes to the prompt; images and documents count as nothing. */
    static String blockText(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> block.path("text").asText();
            case "thinking" -> block.path("thinking").asText();
            case "tool_use" -> block.path("name").asText() + Json.compact(block.path("input"));
            case "tool_result" -> {
                JsonNode content = block.path("content");
                yield content.isTextual() ? content.textValue() : userText(content);
            }
            default -> "";
        };
    }

    private Rejection reject(String message) {
        return new Rejection(errors.invalidRequest(message));
    }
}
