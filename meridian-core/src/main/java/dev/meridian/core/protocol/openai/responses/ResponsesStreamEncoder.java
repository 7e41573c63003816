package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.StatefulRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical stream events as the Responses API's typed events
 * (https://platform.openai.com/docs/api-reference/responses-streaming): {@code response.created} and
 * {@code response.in_progress} first; per output item {@code response.output_item.added}, its deltas
 * ({@code response.output_text.delta}, {@code response.function_call_arguments.delta},
 * {@code response.reasoning_summary_text.delta}), their {@code .done} events and {@code response.output_item.done};
 * then {@code response.completed} (or {@code response.incomplete}) with the whole response. Every event carries its
 * {@code sequence_number}, from 0. The final response is kept for the store ({@link #completed()}). One per stream.
 */
final class ResponsesStreamEncoder implements StreamEncoder, StatefulRequest.Completion {

    private static final byte[] EMPTY = new byte[0];

    private final ResponsesBody body;
    private final String id = ResponsesOutput.id("resp_");
    private final ArrayNode output = Json.NODES.arrayNode();
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private int sequence;
    private long createdAt;
    private String model;
    private boolean started;
    private Open reasoning;
    private Open message;
    private FinishReason reason;
    private Usage usage;
    private ObjectNode completed;

    ResponsesStreamEncoder(ResponsesBody body) {
        this.body = body;
        this.model = body.model();
    }

    /** The response's id, from the start. */
    String id() {
        return id;
    }

    /** The final response object once {@link #finish} wrote it, else null. */
    @Override
    public byte[] completedResponse() {
        return completed == null ? null : Json.bytes(completed);
    }

    @Override
    public byte[] encode(StreamEvent event) {
        out.reset();
        if (event instanceof StreamEvent.Started s) {
            model = s.model();
            createdAt = s.created() > 0 ? s.created() : System.currentTimeMillis() / 1000;
            start();
        } else if (event instanceof StreamEvent.TextDelta t && t.choice() == 0) {
            start();
            closeReasoning(null);
            if (message == null) {
                message = new Open(ResponsesOutput.id("msg_"), output.size());
                output.addNull();
                added(ResponsesOutput.message(message.id, null, "in_progress"), message.index);
                emit(
                        at("response.content_part.added", message).put("content_index", 0),
                        "part",
                        ResponsesOutput.outputText(""));
            }
            message.text.append(t.text());
            emit(
                    at("response.output_text.delta", message)
                            .put("content_index", 0)
                            .put("delta", t.text()),
                    "logprobs",
                    Json.NODES.arrayNode());
        } else if (event instanceof StreamEvent.ReasoningDelta r && r.choice() == 0) {
            start();
            openReasoning();
            reasoning.text.append(r.text());
            emit(at("response.reasoning_summary_text.delta", reasoning)
                    .put("summary_index", 0)
                    .put("delta", r.text()));
        } else if (event instanceof StreamEvent.ReasoningBlock b && b.choice() == 0) {
            start();
            if (b.block() instanceof ContentPart.Thinking t) {
                openReasoning();
                reasoning.text.setLength(0);
                reasoning.text.append(t.text());
                closeReasoning(t.signature());
            } else if (b.block() instanceof ContentPart.RedactedThinking r) {
                closeReasoning(null);
                Open redacted = new Open(ResponsesOutput.id("rs_"), output.size());
                output.addNull();
                added(ResponsesOutput.reasoning(redacted.id, "", null), redacted.index);
                done(ResponsesOutput.reasoning(redacted.id, "", r.data()), redacted.index);
            }
        } else if (event instanceof StreamEvent.ToolCallDelta d && d.choice() == 0) {
            start();
            closeReasoning(null);
            closeMessage();
            Call call = calls.get(d.index());
            if (call == null) {
                call = new Call(
                        ResponsesOutput.id("fc_"),
                        output.size(),
                        d.id() != null ? d.id() : ResponsesOutput.id("call_"),
                        d.name() == null ? "" : d.name());
                calls.put(d.index(), call);
                output.addNull();
                added(ResponsesOutput.functionCall(call.id, call.callId, call.name, "", "in_progress"), call.index);
            }
            if (d.arguments() != null && !d.arguments().isEmpty()) {
                call.text.append(d.arguments());
                emit(at("response.function_call_arguments.delta", call).put("delta", d.arguments()));
            }
        } else if (event instanceof StreamEvent.Finished f && f.choice() == 0) {
            reason = f.reason();
        } else if (event instanceof StreamEvent.UsageReported u) {
            usage = u.usage();
        }
        return out.size() == 0 ? EMPTY : out.toByteArray();
    }

    @Override
    public byte[] finish(Double costUsd) {
        out.reset();
        start();
        closeReasoning(null);
        closeMessage();
        for (Call call : calls.values()) {
            String arguments = call.text.toString();
            emit(at("response.function_call_arguments.done", call).put("arguments", arguments));
            done(ResponsesOutput.functionCall(call.id, call.callId, call.name, arguments, "completed"), call.index);
        }
        calls.clear();
        ResponsesOutput.Status status = ResponsesOutput.status(reason);
        completed = ResponsesOutput.response(body, id, createdAt, model, status, output, usage);
        emit(event("response." + status.name()), "response", completed);
        return out.toByteArray();
    }

    @Override
    public byte[] error(GatewayException e) {
        return errorEvent(e, sequence++);
    }

    /** The Responses API's {@code error} event for {@code e}, numbered {@code sequence}. */
    static byte[] errorEvent(GatewayException e, int sequence) {
        ObjectNode error = event("error")
                .put("code", e.code().openAiCode())
                .put("message", e.getMessage())
                .put("param", e.param())
                .put("sequence_number", sequence);
        return sse(error);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        if (createdAt == 0) {
            createdAt = System.currentTimeMillis() / 1000;
        }
        ObjectNode response = ResponsesOutput.response(
                body, id, createdAt, model, ResponsesOutput.IN_PROGRESS, Json.NODES.arrayNode(), null);
        emit(event("response.created"), "response", response);
        emit(event("response.in_progress"), "response", response);
    }

    private void openReasoning() {
        if (reasoning == null) {
            closeMessage();
            reasoning = new Open(ResponsesOutput.id("rs_"), output.size());
            output.addNull();
            added(ResponsesOutput.reasoning(reasoning.id, "", null), reasoning.index);
            emit(at("response.reasoning_summary_part.added", reasoning).put("summary_index", 0), "part", summary(""));
        }
    }

    private void closeReasoning(String signature) {
        if (reasoning == null) {
            return;
        }
        String text = reasoning.text.toString();
        emit(at("response.reasoning_summary_text.done", reasoning)
                .put("summary_index", 0)
                .put("text", text));
        emit(at("response.reasoning_summary_part.done", reasoning).put("summary_index", 0), "part", summary(text));
        done(ResponsesOutput.reasoning(reasoning.id, text, signature), reasoning.index);
        reasoning = null;
    }

    private void closeMessage() {
        if (message == null) {
            return;
        }
        String text = message.text.toString();
        emit(
                at("response.output_text.done", message).put("content_index", 0).put("text", text),
                "logprobs",
                Json.NODES.arrayNode());
        emit(
                at("response.content_part.done", message).put("content_index", 0),
                "part",
                ResponsesOutput.outputText(text));
        done(ResponsesOutput.message(message.id, text, "completed"), message.index);
        message = null;
    }

    private static ObjectNode summary(String text) {
        return Json.object().put("type", "summary_text").put("text", text);
    }

    private void added(ObjectNode item, int index) {
        emit(event("response.output_item.added").put("output_index", index), "item", item);
    }

    private void done(ObjectNode item, int index) {
        output.set(index, item);
        emit(event("response.output_item.done").put("output_index", index), "item", item);
    }

    private ObjectNode at(String type, Open item) {
        return event(type).put("item_id", item.id).put("output_index", item.index);
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private void emit(ObjectNode event, String field, com.fasterxml.jackson.databind.JsonNode value) {
        event.set(field, value);
        emit(event);
    }

    private void emit(ObjectNode event) {
        event.put("sequence_number", sequence++);
        out.writeBytes(sse(event));
    }

    private static byte[] sse(ObjectNode event) {
        byte[] head = ("event: " + event.get("type").textValue() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] data = Json.bytes(event);
        byte[] bytes = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(data, 0, bytes, head.length, data.length);
        bytes[bytes.length - 2] = '\n';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** An output item being streamed: its id, its place in {@code output} and its text so far. */
    private static class Open {
        final String id;
        final int index;
        final StringBuilder text = new StringBuilder();

        Open(String id, int index) {
            this.id = id;
            this.index = index;
        }
    }

    private static final class Call extends Open {
        final String callId;
        final String name;

        Call(String id, int index, String callId, String name) {
            super(id, index);
            this.callId = callId;
            this.name = name;
        }
    }
}
