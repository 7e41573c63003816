package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes canonical stream events as Anthropic's named server-sent events
 * (https://platform.claude.com/docs/en/build-with-claude/streaming), in Anthropic's order: {@code message_start},
 * then per content block {@code content_block_start}, its {@code content_block_delta}s and
 * {@code content_block_stop} (a {@code ping} after the first block's start), then {@code message_delta} with the
 * stop reason and the final usage, and {@code message_stop}. The SDKs dispatch on the {@code event:} name, so every
 * event has one.
 *
 * <p>Blocks are made from the canonical deltas: text deltas form a {@code text} block, reasoning deltas a
 * {@code thinking} block (closed by its {@link StreamEvent.ReasoningBlock} with a {@code signature_delta}, or by the
 * next block without one), a redacted block a whole {@code redacted_thinking} block, each new tool call a
 * {@code tool_use} block whose arguments arrive as {@code input_json_delta}s. {@code message_start} waits for the
 * first content, so that the input tokens a provider reports at its start (Anthropic does) are in it; a provider
 * reporting usage only at the end (OpenAI) has zero there, and the whole usage is in {@code message_delta}. Not
 * thread-safe; one per stream.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {

    private static final byte[] NOTHING = new byte[0];

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final JsonGenerator generator;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private String id = "msg_unknown";
    private String model = "unknown";
    private Usage usage;
    private FinishReason reason;
    private boolean started;
    private boolean pinged;
    private int blocks;
    private Kind open = Kind.NONE;

    private enum Kind {
        NONE,
        TEXT,
        THINKING,
        TOOL
    }

    public AnthropicStreamEncoder() {
        try {
            this.generator = Json.FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] encode(StreamEvent event) {
        try {
            if (event instanceof StreamEvent.Started s) {
                id = s.id();
                model = s.model();
                return NOTHING;
            }
            if (event instanceof StreamEvent.UsageReported u) {
                usage = u.usage();
                return NOTHING;
            }
            if (event instanceof StreamEvent.Finished f) {
                reason = f.reason();
                return NOTHING;
            }
            start();
            if (event instanceof StreamEvent.TextDelta t) {
                if (!t.text().isEmpty()) {
                    open(Kind.TEXT, "text");
                    delta(blocks - 1, "text_delta", "text", t.text());
                }
            } else if (event instanceof StreamEvent.ReasoningDelta r) {
                open(Kind.THINKING, "thinking");
                delta(blocks - 1, "thinking_delta", "thinking", r.text());
            } else if (event instanceof StreamEvent.ReasoningBlock b) {
                reasoningBlock(b.block());
            } else if (event instanceof StreamEvent.ToolCallDelta d) {
                toolCall(d);
            }
            return flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reasoningBlock(ContentPart block) throws IOException {
        if (block instanceof ContentPart.Thinking t) {
            if (open != Kind.THINKING) {
                open(Kind.THINKING, "thinking");
                delta(blocks - 1, "thinking_delta", "thinking", t.text());
            }
            if (t.signature() != null) {
                delta(blocks - 1, "signature_delta", "signature", t.signature());
            }
            close();
            return;
        }
        close();
        int index = blocks++;
        event("content_block_start", g -> {
            g.writeStringField("type", "content_block_start");
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("content_block");
            g.writeStringField("type", "redacted_thinking");
            g.writeStringField("data", ((ContentPart.RedactedThinking) block).data());
            g.writeEndObject();
        });
        ping();
        stop(index);
    }

    private void toolCall(StreamEvent.ToolCallDelta d) throws IOException {
        Integer index = toolBlocks.get(d.index());
        if (index == null) {
            close();
            int at = blocks++;
            toolBlocks.put(d.index(), at);
            open = Kind.TOOL;
            event("content_block_start", g -> {
                g.writeStringField("type", "content_block_start");
                g.writeNumberField("index", at);
                g.writeObjectFieldStart("content_block");
                g.writeStringField("type", "tool_use");
                g.writeStringField("id", d.id() == null ? "" : d.id());
                g.writeStringField("name", d.name() == null ? "" : d.name());
                g.writeObjectFieldStart("input");
                g.writeEndObject();
                g.writeEndObject();
            });
            ping();
            index = at;
        }
        if (d.arguments() != null && !d.arguments().isEmpty()) {
            delta(index, "input_json_delta", "partial_json", d.arguments());
        }
    }

    /** Opens a block of {@code kind} unless one is open, closing the block before it. */
    private void open(Kind kind, String type) throws IOException {
        if (open == kind && kind != Kind.TOOL) {
            return;
        }
        close();
        open = kind;
        int index = blocks++;
        event("content_block_start", g -> {
            g.writeStringField("type", "content_block_start");
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("content_block");
            g.writeStringField("type", type);
            if (kind == Kind.THINKING) {
                g.writeStringField("thinking", "");
                g.writeStringField("signature", "");
            } else {
                g.writeStringField("text", "");
            }
            g.writeEndObject();
        });
        ping();
    }

    private void close() throws IOException {
        if (open != Kind.NONE) {
            stop(blocks - 1);
            open = Kind.NONE;
        }
    }

    private void stop(int index) throws IOException {
        event("content_block_stop", g -> {
            g.writeStringField("type", "content_block_stop");
            g.writeNumberField("index", index);
        });
    }

    private void delta(int index, String type, String field, String value) throws IOException {
        event("content_block_delta", g -> {
            g.writeStringField("type", "content_block_delta");
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeStringField("type", type);
            g.writeStringField(field, value);
            g.writeEndObject();
        });
    }

    /** Anthropic's single {@code ping}, after the first block's start (or the start of a message without blocks). */
    private void ping() throws IOException {
        if (!pinged) {
            pinged = true;
            event("ping", g -> g.writeStringField("type", "ping"));
        }
    }

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        Usage sofar = usage == null ? Usage.ZERO : usage;
        event("message_start", g -> {
            g.writeStringField("type", "message_start");
            g.writeObjectFieldStart("message");
            g.writeStringField("id", id);
            g.writeStringField("type", "message");
            g.writeStringField("role", "assistant");
            g.writeStringField("model", model);
            g.writeArrayFieldStart("content");
            g.writeEndArray();
            g.writeNullField("stop_reason");
            g.writeNullField("stop_sequence");
            g.writeFieldName("usage");
            AnthropicResponseEncoder.writeUsage(g, sofar);
            g.writeEndObject();
        });
    }

    /** The end of a complete stream: the open block's stop, {@code message_delta} with the usage, message_stop. */
    @Override
    public byte[] finish(Double costUsd) {
        try {
            start();
            close();
            if (!pinged) {
                ping();
            }
            Usage total = usage == null ? Usage.ZERO : usage;
            event("message_delta", g -> {
                g.writeStringField("type", "message_delta");
                g.writeObjectFieldStart("delta");
                g.writeStringField("stop_reason", AnthropicStopReasons.fromFinishReason(reason));
                g.writeNullField("stop_sequence");
                g.writeEndObject();
                g.writeFieldName("usage");
                AnthropicResponseEncoder.writeUsage(g, total);
            });
            event("message_stop", g -> g.writeStringField("type", "message_stop"));
            return flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] error(GatewayException e) {
        return AnthropicErrors.errorEvent(e);
    }

    /** Writes one named event into the buffer; {@link #flush} takes what the buffer holds. */
    private void event(String name, Body body) throws IOException {
        generator.writeRaw("event: ");
        generator.writeRaw(name);
        generator.writeRaw("\ndata: ");
        generator.writeStartObject();
        body.write(generator);
        generator.writeEndObject();
        generator.writeRaw("\n\n");
    }

    private byte[] flush() throws IOException {
        generator.flush();
        if (buffer.size() == 0) {
            return NOTHING;
        }
        byte[] out = buffer.toByteArray();
        buffer.reset();
        return out;
    }

    /** The members of one event's JSON object. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
