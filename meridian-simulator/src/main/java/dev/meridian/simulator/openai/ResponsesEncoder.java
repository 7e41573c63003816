package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Ids;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.SseEvent;
import dev.meridian.simulator.engine.TextChunks;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Completion} as a Responses API response object or as its typed event stream, in OpenAI's order:
 * {@code response.created}, {@code response.in_progress}, {@code response.output_item.added}, for text
 * {@code response.content_part.added}, one {@code response.output_text.delta} per word, {@code .done} events, for a
 * function call one {@code response.function_call_arguments.delta} per 8 characters, then
 * {@code response.output_item.done} and {@code response.completed} (or {@code response.incomplete}). Every event
 * has its {@code sequence_number}. The first choice only: the Responses API has no {@code n}.
 */
final class ResponsesEncoder {

    private static final int ARGUMENT_FRAGMENT = 8;

    private final Ids ids;

    ResponsesEncoder(Ids ids) {
        this.ids = ids;
    }

    ObjectNode response(String id, long created, JsonNode request, Completion completion, ChatUsage usage) {
        ObjectNode r = envelope(id, created, request, status(completion));
        ArrayNode output = r.putArray("output");
        Completion.Choice choice = completion.choices().get(0);
        if (choice.output() instanceof Completion.ToolCall call) {
            output.add(
                    functionCall(ids.next("fc_", 48), ids.next("call_", 24), call, call.argumentsJson(), "completed"));
        } else {
            output.add(message(ids.next("msg_", 48), ((Completion.Text) choice.output()).text(), "completed"));
        }
        r.set("usage", usage(usage));
        return r;
    }

    List<SseEvent> stream(String id, long created, JsonNode request, Completion completion, ChatUsage usage) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = envelope(id, created, request, "in_progress");
        start.putArray("output");
        start.putNull("usage");
        add(events, event("response.created").set("response", start));
        add(events, event("response.in_progress").set("response", start));
        ObjectNode done = response(id, created, request, completion, usage);
        ObjectNode item = (ObjectNode) done.path("output").get(0);
        String itemId = item.path("id").asText();
        if (item.path("type").asText().equals("function_call")) {
            ObjectNode added = item.deepCopy().put("arguments", "").put("status", "in_progress");
            add(
                    events,
                    event("response.output_item.added").put("output_index", 0).set("item", added));
            for (String fragment : TextChunks.fixed(item.path("arguments").asText(), ARGUMENT_FRAGMENT)) {
                add(events, at("response.function_call_arguments.delta", itemId).put("delta", fragment));
            }
            add(events, at("response.function_call_arguments.done", itemId).set("arguments", item.path("arguments")));
        } else {
            String text = item.path("content").get(0).path("text").asText();
            ObjectNode added = message(itemId, null, "in_progress");
            add(
                    events,
                    event("response.output_item.added").put("output_index", 0).set("item", added));
            add(
                    events,
                    at("response.content_part.added", itemId)
                            .put("content_index", 0)
                            .set("part", outputText("")));
            for (String word : TextChunks.words(text)) {
                ObjectNode delta = at("response.output_text.delta", itemId)
                        .put("content_index", 0)
                        .put("delta", word);
                delta.putArray("logprobs");
                add(events, delta);
            }
            ObjectNode textDone = at("response.output_text.done", itemId)
                    .put("content_index", 0)
                    .put("text", text);
            textDone.putArray("logprobs");
            add(events, textDone);
            add(
                    events,
                    at("response.content_part.done", itemId)
                            .put("content_index", 0)
                            .set("part", outputText(text)));
        }
        add(events, event("response.output_item.done").put("output_index", 0).set("item", item));
        add(events, event("response." + done.path("status").asText()).set("response", done));
        return events;
    }

    private static void add(List<SseEvent> events, JsonNode event) {
        ((ObjectNode) event).put("sequence_number", events.size());
        events.add(SseEvent.named(event.path("type").asText(), Json.compact(event)));
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private static ObjectNode at(String type, String itemId) {
        return event(type).put("item_id", itemId).put("output_index", 0);
    }

    private static String status(Completion completion) {
        Completion.Finish finish = completion.choices().get(0).finish();
        return finish == Completion.Finish.LENGTH || finish == Completion.Finish.CONTENT_FILTER
                ? "incomplete"
                : "completed";
    }

    private static ObjectNode envelope(String id, long created, JsonNode request, String status) {
        ObjectNode r = Json.object()
                .put("id", id)
                .put("object", "response")
                .put("created_at", created)
                .put("status", status);
        r.putNull("error");
        if (status.equals("incomplete")) {
            r.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        r.set(
                "instructions",
                request.hasNonNull("instructions")
                        ? request.get("instructions")
                        : Json.object().nullNode());
        r.set("model", request.path("model"));
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.set(
                "tool_choice",
                request.hasNonNull("tool_choice")
                        ? request.get("tool_choice")
                        : Json.object().textNode("auto"));
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : Json.array());
        r.put("top_p", request.path("top_p").asDouble(1.0));
        r.put("truncation", "disabled");
        r.set("metadata", Json.object());
        return r;
    }

    private static ObjectNode message(String id, String text, String status) {
        ObjectNode item = Json.object()
                .put("type", "message")
                .put("id", id)
                .put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private static ObjectNode functionCall(
            String id, String callId, Completion.ToolCall call, String args, String status) {
        return Json.object()
                .put("type", "function_call")
                .put("id", id)
                .put("call_id", callId)
                .put("name", call.name())
                .put("arguments", args)
                .put("status", status);
    }

    private static ObjectNode usage(ChatUsage usage) {
        ObjectNode u = Json.object().put("input_tokens", usage.prompt());
        u.putObject("input_tokens_details").put("cached_tokens", usage.cached());
        u.put("output_tokens", usage.completion());
        u.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoning());
        u.put("total_tokens", usage.prompt() + usage.completion());
        return u;
    }
}
