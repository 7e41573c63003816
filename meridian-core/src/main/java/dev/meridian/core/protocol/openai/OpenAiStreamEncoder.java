package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Encodes canonical stream events as OpenAI {@code chat.completion.chunk} server-sent events, one event per
 * input event, never buffering. With {@code include_usage} every chunk carries {@code "usage": null} and
 * the usage arrives in a final chunk with empty {@code choices} before {@code data: [DONE]}, exactly as
 * OpenAI sends it; without it no usage is written (the gateway still accounts for it).
 *
 * <p>Reasoning is written as {@code delta.reasoning_content} while it streams, and each completed block as
 * {@code delta.thinking_blocks: [block]} with its signature. Not thread-safe; one per stream.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];

    private final boolean includeUsage;
    private final SseDataWriter events = new SseDataWriter(512);
    private final BitSet choicesStarted = new BitSet();
    private String id = "chatcmpl-unknown";
    private String model = "unknown";
    private long created;
    private Usage usage;

    public OpenAiStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    /** The bytes to send for one event; empty when the event produces no chunk of its own (usage). */
    @Override
    public byte[] encode(StreamEvent event) {
        if (event instanceof StreamEvent.Started s) {
            id = s.id();
            model = s.model();
            created = s.created();
            choicesStarted.set(0);
            return chunk(
                    0,
                    g -> {
                        g.writeStringField("role", "assistant");
                        g.writeStringField("content", "");
                        g.writeNullField("refusal");
                    },
                    null);
        }
        if (event instanceof StreamEvent.TextDelta d) {
            return chunk(d.choice(), g -> g.writeStringField("content", d.text()), null);
        }
        if (event instanceof StreamEvent.ReasoningDelta d) {
            return chunk(d.choice(), g -> g.writeStringField("reasoning_content", d.text()), null);
        }
        if (event instanceof StreamEvent.ReasoningBlock b) {
            return chunk(
                    b.choice(),
                    g -> {
                        g.writeArrayFieldStart("thinking_blocks");
                        OpenAiResponseEncoder.writeThinkingBlock(g, b.block());
                        g.writeEndArray();
                    },
                    null);
        }
        if (event instanceof StreamEvent.ToolCallDelta d) {
            return chunk(
                    d.choice(),
                    g -> {
                        g.writeArrayFieldStart("tool_calls");
                        String arguments = d.arguments() == null && d.id() != null ? "" : d.arguments();
                        OpenAiResponseEncoder.writeToolCall(
                                g, d.index(), d.id(), d.name(), arguments, d.thoughtSignature());
                        g.writeEndArray();
                    },
                    null);
        }
        if (event instanceof StreamEvent.Finished f) {
            return chunk(f.choice(), g -> {}, f.reason().openAiName());
        }
        usage = ((StreamEvent.UsageReported) event).usage();
        return NOTHING;
    }

    /**
     * The end of a successful stream: the usage chunk when asked for (with the gateway's {@code cost_usd} in its
     * usage when known), then {@code [DONE]}.
     */
    @Override
    public byte[] finish(Double costUsd) {
        if (!includeUsage || usage == null) {
            return DONE;
        }
        byte[] usageChunk = events.event(g -> {
            header(g);
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            OpenAiUsage.write(g, usage, costUsd);
            g.writeEndObject();
        });
        byte[] out = new byte[usageChunk.length + DONE.length];
        System.arraycopy(usageChunk, 0, out, 0, usageChunk.length);
        System.arraycopy(DONE, 0, out, usageChunk.length, DONE.length);
        return out;
    }

    /**
     * The end of a failed stream: an event whose data is OpenAI's error object, which the official SDKs
     * raise as an API error. No {@code [DONE]} follows; the caller closes the stream.
     */
    @Override
    public byte[] error(GatewayException e) {
        return errorEvent(e);
    }

    /** The error event of {@link #error}, for streams that pass through without an encoder. */
    public static byte[] errorEvent(GatewayException e) {
        return OpenAiJson.write(DATA, g -> OpenAiErrors.writeError(g, e), END);
    }

    /** The usage reported so far by the upstream, or null. */
    public Usage usage() {
        return usage;
    }

    private byte[] chunk(int choice, OpenAiJson.Body delta, String finishReason) {
        boolean first = !choicesStarted.get(choice);
        choicesStarted.set(choice);
        return events.event(g -> {
            header(g);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", choice);
            g.writeObjectFieldStart("delta");
            if (first) {
                g.writeStringField("role", "assistant");
            }
            delta.write(g);
            g.writeEndObject();
            g.writeNullField("logprobs");
            if (finishReason == null) {
                g.writeNullField("finish_reason");
            } else {
                g.writeStringField("finish_reason", finishReason);
            }
            g.writeEndObject();
            g.writeEndArray();
            if (includeUsage) {
                g.writeNullField("usage");
            }
            g.writeEndObject();
        });
    }

    private void header(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "chat.completion.chunk");
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
    }
}
