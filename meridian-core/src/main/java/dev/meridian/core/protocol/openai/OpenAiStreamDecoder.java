package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.sse.SseEvent;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an OpenAI-protocol stream of {@code chat.completion.chunk} events
 * (https://platform.openai.com/docs/api-reference/chat-streaming) one event at a time:
 * <ul>
 *   <li>the first chunk with choices or usage starts the answer ({@link StreamEvent.Started}); chunks with
 *       neither, such as Azure's leading {@code prompt_filter_results} chunk, produce nothing;</li>
 *   <li>{@code delta.content} and {@code delta.refusal} are text; {@code delta.reasoning_content}
 *       (DeepSeek, vLLM, Qwen) or else {@code delta.reasoning} (OpenRouter, Ollama) is reasoning;
 *       each {@code delta.thinking_blocks} entry is a complete reasoning block; empty strings are skipped;</li>
 *   <li>{@code delta.tool_calls} pieces keep the upstream index; id and name are passed on the first piece of
 *       a call only (some servers repeat them), and a first piece without an id gets {@code call_<index>};</li>
 *   <li>{@code finish_reason} finishes its choice (once; see {@link OpenAiResponseDecoder} for the table);</li>
 *   <li>{@code usage} is reported wherever it appears: OpenAI's final usage-only chunk, or any chunk, as
 *       some compatible servers send it;</li>
 *   <li>a chunk holding an {@code error} object is raised as the provider's error;</li>
 *   <li>{@code data: [DONE]} ends the stream; later events are ignored.</li>
 * </ul>
 * A stream that ends without {@code [DONE]} is complete only when every choice it started has finished:
 * some compatible servers (older vLLM and Ollama builds) omit the marker, and what such a stream lacks is at
 * most the usage chunk. Anything else is a cut stream and raised as {@link ErrorCode#UPSTREAM_ERROR}.
 * Not thread-safe; one instance per stream.
 */
public final class OpenAiStreamDecoder implements ChatStreamDecoder {

    private final String provider;
    private final BitSet choicesStarted = new BitSet();
    private final BitSet choicesFinished = new BitSet();
    private final Map<Integer, BitSet> toolCallsStarted = new HashMap<>();
    private boolean started;
    private boolean done;

    public OpenAiStreamDecoder(String provider) {
        this.provider = provider;
    }

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (done || !event.hasData()) {
            return;
        }
        if (event.isDone()) {
            done = true;
            return;
        }
        JsonNode chunk = OpenAiResponseDecoder.parse(provider, event.data(), "stream event");
        JsonNode choices = chunk.get("choices");
        if (choices != null && !choices.isNull() && !choices.isArray()) {
            throw UpstreamErrors.malformed(provider, "stream event: 'choices' is not an array");
        }
        JsonNode usage = chunk.get("usage");
        boolean hasUsage = usage != null && usage.isObject();
        if ((choices == null || choices.isEmpty()) && !hasUsage) {
            return;
        }
        if (!started) {
            started = true;
            out.accept(new StreamEvent.Started(
                    text(chunk, "id", "chatcmpl-unknown"),
                    text(chunk, "model", "unknown"),
                    chunk.path("created").asLong(0)));
        }
        if (choices != null) {
            for (int i = 0; i < choices.size(); i++) {
                choice(choices.get(i), i, out);
            }
        }
        if (hasUsage) {
            Usage u = OpenAiUsage.read(usage);
            out.accept(new StreamEvent.UsageReported(u));
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        if (done) {
            return;
        }
        BitSet unfinished = (BitSet) choicesStarted.clone();
        unfinished.andNot(choicesFinished);
        if (choicesStarted.isEmpty() || !unfinished.isEmpty()) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider
                                    + "' ended the stream before the answer was complete (no finish_reason and no [DONE]).")
                    .provider(provider)
                    .build();
        }
    }

    private void choice(JsonNode c, int position, Consumer<StreamEvent> out) {
        int index = c.path("index").asInt(position);
        choicesStarted.set(index);
        JsonNode delta = c.path("delta");
        JsonNode blocks = delta.get("thinking_blocks");
        if (blocks != null && blocks.isArray()) {
            for (JsonNode b : blocks) {
                out.accept(new StreamEvent.ReasoningBlock(index, OpenAiResponseDecoder.thinkingBlock(provider, b)));
            }
        }
        String reasoning = OpenAiResponseDecoder.reasoningText(delta);
        if (reasoning != null && !reasoning.isEmpty()) {
            out.accept(new StreamEvent.ReasoningDelta(index, reasoning));
        }
        emitText(delta, "content", index, out);
        emitText(delta, "refusal", index, out);
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int i = 0; i < calls.size(); i++) {
                toolCall(calls.get(i), index, i, out);
            }
        }
        String finish = c.hasNonNull("finish_reason") ? c.get("finish_reason").asText() : null;
        FinishReason reason = OpenAiResponseDecoder.finishReason(provider, finish);
        if (reason != null && !choicesFinished.get(index)) {
            choicesFinished.set(index);
            out.accept(new StreamEvent.Finished(index, reason));
        }
    }

    private static void emitText(JsonNode delta, String field, int choice, Consumer<StreamEvent> out) {
        JsonNode t = delta.get(field);
        if (t != null && t.isTextual() && !t.textValue().isEmpty()) {
            out.accept(new StreamEvent.TextDelta(choice, t.textValue()));
        }
    }

    private void toolCall(JsonNode piece, int choice, int position, Consumer<StreamEvent> out) {
        int index = piece.path("index").asInt(position);
        BitSet calls = toolCallsStarted.computeIfAbsent(choice, k -> new BitSet());
        JsonNode function = piece.path("function");
        JsonNode args = function.get("arguments");
        String arguments = args == null || args.isNull() ? null : args.isTextual() ? args.textValue() : args.toString();
        String signature = OpenAiResponseDecoder.thoughtSignature(piece);
        if (calls.get(index)) {
            if ((arguments != null && !arguments.isEmpty()) || signature != null) {
                out.accept(new StreamEvent.ToolCallDelta(choice, index, null, null, arguments, signature));
            }
            return;
        }
        String name = text(function, "name", null);
        if (name == null) {
            throw UpstreamErrors.malformed(provider, "stream event: tool call " + index + " starts without a name");
        }
        calls.set(index);
        out.accept(new StreamEvent.ToolCallDelta(
                choice, index, text(piece, "id", "call_" + index), name, arguments, signature));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : fallback;
    }
}
