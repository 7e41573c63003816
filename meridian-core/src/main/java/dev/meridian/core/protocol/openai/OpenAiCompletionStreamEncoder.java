package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes canonical stream events as OpenAI legacy completions server-sent events: every text delta and every
 * finish is a {@code text_completion} object with one choice ({@code text}, {@code index}, {@code logprobs: null},
 * {@code finish_reason}), then {@code data: [DONE]}. With {@code include_usage} every chunk carries
 * {@code "usage": null} and the usage arrives in a last chunk with empty {@code choices}, as in chat completions.
 * The start event, reasoning and tool calls have no legacy form and write nothing. Not thread-safe; one per stream.
 */
public final class OpenAiCompletionStreamEncoder implements StreamEncoder {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];

    private final boolean includeUsage;
    private final SseDataWriter events = new SseDataWriter(256);
    private String id = "cmpl-unknown";
    private String model = "unknown";
    private long created;
    private Usage usage;

    public OpenAiCompletionStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public byte[] encode(StreamEvent event) {
        if (event instanceof StreamEvent.Started s) {
            id = s.id();
            model = s.model();
            created = s.created();
            return NOTHING;
        }
        if (event instanceof StreamEvent.TextDelta d) {
            return chunk(d.choice(), d.text(), null);
        }
        if (event instanceof StreamEvent.Finished f) {
            return chunk(f.choice(), "", f.reason());
        }
        if (event instanceof StreamEvent.UsageReported u) {
            usage = u.usage();
        }
        return NOTHING;
    }

    /** The usage chunk when asked for (with the gateway's {@code cost_usd} when known), then {@code [DONE]}. */
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

    /** OpenAI's error object as an event, which the official SDKs raise as an API error; no {@code [DONE]} follows. */
    @Override
    public byte[] error(GatewayException e) {
        return OpenAiStreamEncoder.errorEvent(e);
    }

    private byte[] chunk(int choice, String text, FinishReason finishReason) {
        return events.event(g -> {
            header(g);
            g.writeArrayFieldStart("choices");
            OpenAiTextCompletion.writeChoice(g, choice, text, finishReason);
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
        g.writeStringField("object", OpenAiTextCompletion.OBJECT);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
    }
}
