package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Completion.Choice;
import dev.meridian.simulator.engine.Ids;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.SseEvent;
import dev.meridian.simulator.engine.TextChunks;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Completion} as a {@code chat.completion} object or as the
 * {@code chat.completion.chunk} event stream.
 *
 * <p>Stream shape: per choice, a first chunk with the role (and, for a tool call, the call's id,
 * type, name and {@code ""} arguments), one chunk per word of text or per 8-character fragment of
 * the arguments (tool call fragments carry only {@code index} and {@code function.arguments}), and
 * a last chunk with an empty delta and the finish reason. Choices are interleaved round-robin. With
 * {@code include_usage} every chunk has {@code "usage": null} and an extra chunk with
 * {@code "choices": []} and the usage precedes {@code data: [DONE]}.
 */
final class ChatEncoder {

    static final String FINGERPRINT = "fp_simulator";
    private static final int ARGUMENT_FRAGMENT = 8;

    private final Ids ids;

    ChatEncoder(Ids ids) {
        this.ids = ids;
    }

    ObjectNode completion(String id, long created, String model, Completion completion, ChatUsage usage) {
        ObjectNode body = envelope(id, created, model, "chat.completion");
        ArrayNode choices = body.putArray("choices");
        for (Choice choice : completion.choices()) {
            ObjectNode out = choices.addObject().put("index", choice.index());
            ObjectNode message = out.putObject("message").put("role", "assistant");
            if (choice.output() instanceof Completion.ToolCall call) {
                message.putNull("content");
                ObjectNode function = message.putArray("tool_calls")
                        .addObject()
                        .put("id", ids.next("call_", 24))
                        .put("type", "function")
                        .putObject("function");
                function.put("name", call.name()).put("arguments", call.argumentsJson());
            } else if (choice.finish() == Completion.Finish.CONTENT_FILTER) {
                message.putNull("content");
            } else {
                message.put("content", ((Completion.Text) choice.output()).text());
            }
            message.putNull("refusal");
            message.putArray("annotations");
            out.putNull("logprobs");
            out.put("finish_reason", finishReason(choice.finish()));
        }
        body.set("usage", usage.toJson());
        return body;
    }

    List<SseEvent> stream(
            String id, long created, String model, Completion completion, ChatUsage usage, boolean includeUsage) {
        List<List<ObjectNode>> perChoice = new ArrayList<>();
        for (Choice choice : completion.choices()) {
            perChoice.add(choiceChunks(choice));
        }
        List<SseEvent> events = new ArrayList<>();
        for (int step = 0; step < longest(perChoice); step++) {
            for (List<ObjectNode> chunks : perChoice) {
                if (step < chunks.size()) {
                    ObjectNode chunk = envelope(id, created, model, "chat.completion.chunk");
                    chunk.putArray("choices").add(chunks.get(step));
                    if (includeUsage) {
                        chunk.putNull("usage");
                    }
                    events.add(SseEvent.data(Json.compact(chunk)));
                }
            }
        }
        if (includeUsage) {
            ObjectNode last = envelope(id, created, model, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage.toJson());
            events.add(SseEvent.data(Json.compact(last)));
        }
        events.add(SseEvent.data("[DONE]"));
        return events;
    }

    private List<ObjectNode> choiceChunks(Choice choice) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode first = delta(chunks, choice.index());
        first.put("role", "assistant");
        if (choice.output() instanceof Completion.ToolCall call) {
            first.putNull("content");
            ObjectNode toolCall = first.putArray("tool_calls")
                    .addObject()
                    .put("index", 0)
                    .put("id", ids.next("call_", 24))
                    .put("type", "function");
            toolCall.putObject("function").put("name", call.name()).put("arguments", "");
            first.putNull("refusal");
            for (String fragment : TextChunks.fixed(call.argumentsJson(), ARGUMENT_FRAGMENT)) {
                delta(chunks, choice.index())
                        .putArray("tool_calls")
                        .addObject()
                        .put("index", 0)
                        .putObject("function")
                        .put("arguments", fragment);
            }
        } else {
            first.put("content", "").putNull("refusal");
            for (String piece : TextChunks.words(((Completion.Text) choice.output()).text())) {
                delta(chunks, choice.index()).put("content", piece);
            }
        }
        ObjectNode finish = Json.object().put("index", choice.index());
        finish.putObject("delta");
        finish.putNull("logprobs");
        finish.put("finish_reason", finishReason(choice.finish()));
        chunks.add(finish);
        return chunks;
    }

    /** Appends a chunk choice with a null finish reason and returns its (empty) delta. */
    private static ObjectNode delta(List<ObjectNode> chunks, int index) {
        ObjectNode choice = Json.object().put("index", index);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        chunks.add(choice);
        return delta;
    }

    private static ObjectNode envelope(String id, long created, String model, String object) {
        ObjectNode body = Json.object();
        body.put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model)
                .put("service_tier", "default")
                .put("system_fingerprint", FINGERPRINT);
        return body;
    }

    private static int longest(List<List<ObjectNode>> lists) {
        return lists.stream().mapToInt(List::size).max().orElse(0);
    }

    static String finishReason(Completion.Finish finish) {
        return switch (finish) {
            case STOP, STOP_SEQUENCE -> "stop";
            case LENGTH -> "length";
            case TOOL_CALL -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }
}
