package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The simulated model's answer before any protocol renders it: one {@link Choice} per requested
 * alternative.
 */
public record Completion(List<Choice> choices) {

    public Completion {
        choices = List.copyOf(choices);
    }

    /** Output tokens over all choices, thinking included. */
    public int outputTokens() {
        return choices.stream()
                .mapToInt(c -> c.outputTokens() + c.thinkingTokens())
                .sum();
    }

    /** Thinking tokens over all choices. */
    public int thinkingTokens() {
        return choices.stream().mapToInt(Choice::thinkingTokens).sum();
    }

    /** Why a choice ended; each protocol maps these to its own names. */
    public enum Finish {
        /** Natural end of the answer. */
        STOP,
        /** The output limit cut the answer. */
        LENGTH,
        /** A stop sequence ended the answer; see {@link Choice#stopSequence()}. */
        STOP_SEQUENCE,
        /** The answer is a tool call. */
        TOOL_CALL,
        /** A (simulated) safety system withheld the answer. */
        CONTENT_FILTER
    }

    /**
     * One alternative answer.
     *
     * @param index position among the choices, from 0
     * @param thinking reasoning text shown before the answer, when thinking is enabled
     * @param output the answer
     * @param finish why it ended
     * @param stopSequence the stop sequence that ended it, when {@code finish} is STOP_SEQUENCE
     */
    public record Choice(
            int index, Optional<String> thinking, Output output, Finish finish, Optional<String> stopSequence) {

        public Choice {
            requireNonNull(thinking, "thinking");
            requireNonNull(output, "output");
            requireNonNull(finish, "finish");
            requireNonNull(stopSequence, "stopSequence");
        }

        public int outputTokens() {
            return output.tokens();
        }

        public int thinkingTokens() {
            return thinking.map(Tokens::count).orElse(0);
        }
    }

    /** The visible answer: text, or a call to a tool. */
    public sealed interface Output {
        int tokens();
    }

    /** A text answer (possibly JSON text when a JSON format was asked for). */
    public record Text(String text) implements Output {
        public Text {
            requireNonNull(text, "text");
        }

        @Override
        public int tokens() {
            return Tokens.count(text);
        }
    }

    /** A call to the tool {@code name} with {@code arguments} (a JSON object). */
    public record ToolCall(String name, JsonNode arguments) implements Output {
        public ToolCall {
            requireNonNull(name, "name");
            requireNonNull(arguments, "arguments");
        }

        /** The arguments as compact JSON text, as OpenAI and Anthropic streams carry them. */
        public String argumentsJson() {
            return Json.compact(arguments);
        }

        @Override
        public int tokens() {
            return Tokens.count(name) + Tokens.count(argumentsJson());
        }
    }
}
