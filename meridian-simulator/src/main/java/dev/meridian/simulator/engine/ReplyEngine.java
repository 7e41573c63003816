package dev.meridian.simulator.engine;

import dev.meridian.simulator.engine.Completion.Choice;
import dev.meridian.simulator.engine.Completion.Finish;
import dev.meridian.simulator.engine.Completion.Output;
import dev.meridian.simulator.engine.Conversation.OutputFormat;
import dev.meridian.simulator.engine.Conversation.Tool;
import dev.meridian.simulator.engine.Conversation.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated model: answers a {@link Conversation} deterministically.
 *
 * <ol>
 *   <li>{@code safety} directive → an empty answer ending in CONTENT_FILTER.
 *   <li>Tool call when the conversation does not end with a tool result, tools are offered and the
 *       tool choice is not none (or a {@code tool=} directive names one): the named tool (directive,
 *       then a named tool choice), else the first tool; arguments from {@link SchemaSampler}.
 *   <li>Otherwise text: {@code reply=} text, else {@code tokens=n} filler ({@code "sim sim ..."}, n
 *       tokens), else {@code "Tool <name> returned: <content>"} after a tool result, else {@code
 *       "Simulated reply from <model> to: <first 80 chars of the last user text>"}. A JSON object
 *       format wraps the text as {@code {"reply": text}}; a JSON schema format answers a sample of
 *       the schema instead. Choice {@code k > 0} of the default reply ends in {@code " (choice k+1)"}.
 *   <li>The first occurrence of a stop sequence ends the text there (STOP_SEQUENCE); then a text
 *       longer than the output limit is cut to it (LENGTH).
 *   <li>With thinking on, every choice carries {@code "Simulated thinking about: <80 chars>"}.
 * </ol>
 */
public final class ReplyEngine {

    /** How many characters of the user's text the default reply and the thinking text quote. */
    public static final int QUOTE_LENGTH = 80;

    private ReplyEngine() {}

    public static Completion complete(Conversation conversation, Directives directives) {
        List<Choice> choices = new ArrayList<>(conversation.choiceCount());
        for (int index = 0; index < conversation.choiceCount(); index++) {
            choices.add(choice(conversation, directives, index));
        }
        return new Completion(choices);
    }

    /** The reasoning text the simulator shows when thinking is enabled. */
    public static String thinkingText(Conversation conversation) {
        return "Simulated thinking about: " + quote(conversation.lastUserText());
    }

    private static Choice choice(Conversation c, Directives d, int index) {
        Optional<String> thinking = c.thinking() ? Optional.of(thinkingText(c)) : Optional.empty();
        if (d.safety()) {
            return new Choice(index, thinking, new Completion.Text(""), Finish.CONTENT_FILTER, Optional.empty());
        }
        Optional<Tool> tool = toolToCall(c, d);
        if (tool.isPresent()) {
            Output call = new Completion.ToolCall(
                    tool.get().name(), SchemaSampler.sample(tool.get().parameters()));
            return new Choice(index, thinking, call, Finish.TOOL_CALL, Optional.empty());
        }
        String text = text(c, d, index);
        for (String stop : c.stopSequences()) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0) {
                String cut = text.substring(0, at);
                return new Choice(index, thinking, new Completion.Text(cut), Finish.STOP_SEQUENCE, Optional.of(stop));
            }
        }
        if (c.maxTokens().isPresent() && Tokens.count(text) > c.maxTokens().getAsInt()) {
            String cut = Tokens.truncate(text, c.maxTokens().getAsInt());
            return new Choice(index, thinking, new Completion.Text(cut), Finish.LENGTH, Optional.empty());
        }
        return new Choice(index, thinking, new Completion.Text(text), Finish.STOP, Optional.empty());
    }

    private static Optional<Tool> toolToCall(Conversation c, Directives d) {
        if (c.toolResult().isPresent()) {
            return Optional.empty();
        }
        if (d.tool().isPresent()) {
            String name = d.tool().get();
            return Optional.of(find(c, name).orElse(new Tool(name, Json.object())));
        }
        if (c.tools().isEmpty() || c.toolChoice() instanceof ToolChoice.None) {
            return Optional.empty();
        }
        if (c.toolChoice() instanceof ToolChoice.Named named) {
            return Optional.of(find(c, named.name()).orElse(new Tool(named.name(), Json.object())));
        }
        return Optional.of(c.tools().get(0));
    }

    private static Optional<Tool> find(Conversation c, String name) {
        return c.tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static String text(Conversation c, Directives d, int index) {
        OutputFormat format = c.format();
        if (format instanceof OutputFormat.JsonSchema schema) {
            return Json.compact(SchemaSampler.sample(schema.schema()));
        }
        String text;
        if (d.reply().isPresent()) {
            text = d.reply().get();
        } else if (d.tokens().isPresent()) {
            text = filler(d.tokens().getAsInt());
        } else if (c.toolResult().isPresent()) {
            text = "Tool " + c.toolResult().get().toolName() + " returned: "
                    + c.toolResult().get().content();
        } else {
            text = "Simulated reply from " + c.model() + " to: " + quote(c.lastUserText());
            if (index > 0) {
                text += " (choice " + (index + 1) + ")";
            }
        }
        if (format instanceof OutputFormat.JsonObject) {
            return Json.compact(Json.object().put("reply", text));
        }
        return text;
    }

    /** {@code n} tokens of text: n words "sim" separated by spaces (4n - 1 bytes). */
    static String filler(int tokens) {
        StringBuilder out = new StringBuilder(tokens * 4);
        for (int i = 0; i < tokens; i++) {
            out.append(i == 0 ? "sim" : " sim");
        }
        return out.toString();
    }

    private static String quote(String text) {
        int end = text.offsetByCodePoints(0, Math.min(QUOTE_LENGTH, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }
}
