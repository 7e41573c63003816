package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Usage;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Responses API's response object and output items, written from the canonical answer
 * (https://platform.openai.com/docs/api-reference/responses/object). The request's own settings are echoed as
 * OpenAI echoes them (tools, tool_choice, text, temperature, ...), with OpenAI's defaults where the caller set none.
 * An Anthropic thinking block becomes a reasoning item whose summary is its text and whose
 * {@code encrypted_content} is its signature, so that it goes back unchanged on the next turn.
 */
final class ResponsesOutput {

    private ResponsesOutput() {}

    /** A fresh id: {@code prefix} and 32 hex digits (e.g. {@code resp_…}, {@code msg_…}, {@code fc_…}). */
    static String id(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return prefix
                + HexFormat.of().toHexDigits(r.nextLong())
                + HexFormat.of().toHexDigits(r.nextLong());
    }

    /**
     * A response's {@code status}, and for {@code incomplete} the reason given in {@code incomplete_details}.
     *
     * @param incompleteReason {@code max_output_tokens} or {@code content_filter}; null unless incomplete
     */
    record Status(String name, String incompleteReason) {}

    static final Status IN_PROGRESS = new Status("in_progress", null);

    /**
     * The response object. {@code status} is {@link #IN_PROGRESS} while streaming, then {@code completed} or
     * {@code incomplete} ({@link #status}).
     */
    static ObjectNode response(
            ResponsesBody body, String id, long createdAt, String model, Status status, ArrayNode output, Usage usage) {
        ObjectNode r = Json.object();
        ObjectNode root = body.root();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status.name());
        r.putNull("error");
        if (status.incompleteReason() != null) {
            r.putObject("incomplete_details").put("reason", status.incompleteReason());
        } else {
            r.putNull("incomplete_details");
        }
        echo(r, root, "instructions", null);
        echo(r, root, "max_output_tokens", null);
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", body.parallelToolCalls() == null || body.parallelToolCalls());
        echo(r, root, "previous_response_id", null);
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.put(
                "effort", body.reasoning() == null ? null : body.reasoning().effort());
        reasoning.putNull("summary");
        r.put("store", body.store());
        echo(r, root, "temperature", Json.NODES.numberNode(1.0));
        JsonNode text = root.get("text");
        r.set(
                "text",
                text != null && text.isObject()
                        ? text
                        : Json.object().set("format", Json.object().put("type", "text")));
        echo(r, root, "tool_choice", Json.NODES.textNode("auto"));
        echo(r, root, "tools", Json.NODES.arrayNode());
        echo(r, root, "top_p", Json.NODES.numberNode(1.0));
        r.put("truncation", "disabled");
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", usage(usage));
        }
        echo(r, root, "user", null);
        echo(r, root, "metadata", Json.object());
        return r;
    }

    private static void echo(ObjectNode r, ObjectNode root, String field, JsonNode absent) {
        JsonNode v = root.get(field);
        r.set(field, v == null || v.isNull() ? (absent == null ? Json.NODES.nullNode() : absent) : v);
    }

    /** {@code completed}, or {@code incomplete} when the output limit or a content filter cut the answer. */
    static Status status(FinishReason reason) {
        if (reason == FinishReason.LENGTH) {
            return new Status("incomplete", "max_output_tokens");
        }
        if (reason == FinishReason.CONTENT_FILTER) {
            return new Status("incomplete", "content_filter");
        }
        return new Status("completed", null);
    }

    /** OpenAI's usage object for the Responses API. */
    static ObjectNode usage(Usage usage) {
        ObjectNode u = Json.object();
        u.put("input_tokens", usage.inputTokens());
        u.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        u.put("output_tokens", usage.outputTokens());
        u.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        u.put("total_tokens", usage.totalTokens());
        return u;
    }

    /** The output items of an assistant message: its reasoning, its text as one message item, its function calls. */
    static ArrayNode items(Message message) {
        ArrayNode items = Json.NODES.arrayNode();
        StringBuilder text = null;
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Text t) {
                text = text == null ? new StringBuilder(t.text()) : text.append(t.text());
            }
        }
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Thinking t) {
                items.add(reasoning(id("rs_"), t.text(), t.signature()));
            } else if (part instanceof ContentPart.RedactedThinking r) {
                items.add(reasoning(id("rs_"), "", r.data()));
            }
        }
        if (text != null) {
            items.add(message(id("msg_"), text.toString(), "completed"));
        }
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.ToolCall call) {
                items.add(functionCall(id("fc_"), call.id(), call.name(), call.arguments(), "completed"));
            }
        }
        return items;
    }

    static ObjectNode reasoning(String id, String summary, String encrypted) {
        ObjectNode item = Json.object().put("type", "reasoning").put("id", id);
        ArrayNode parts = item.putArray("summary");
        if (!summary.isEmpty()) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        if (encrypted != null) {
            item.put("encrypted_content", encrypted);
        }
        return item;
    }

    /** A message item; {@code text} null for one just begun (no content part yet). */
    static ObjectNode message(String id, String text, String status) {
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

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return Json.object()
                .put("type", "function_call")
                .put("id", id)
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .put("status", status);
    }
}
