package dev.meridian.core.protocol.openai;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.pricing.Usd;
import dev.meridian.core.provider.UpstreamErrors;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.UsageMeter;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * OpenAI provider to OpenAI caller, the pass-through path: every event is forwarded with its exact bytes as soon as it is complete.
 * Each event's JSON is checked and scanned without allocation ({@link OpenAiChunkScanner}); only the chunk
 * carrying usage (or an error) is parsed. The gateway asks for usage on behalf of callers who did not; to such a
 * caller the usage-only chunk is withheld and the {@code "usage": null} OpenAI puts on every other chunk is taken
 * out ({@link NullUsage}), so that it receives what it would have without the gateway.
 * An error object from the provider, or an unreadable event, ends the stream with an OpenAI error event.
 * What the scanner reads goes to the stream's {@link UsageMeter}; there are no canonical events to filter.
 */
public final class OpenAiPassThroughStream implements StreamTranslator {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String provider;
    private final boolean callerWantsUsage;
    private final SseParser parser = new SseParser(true);
    private final OpenAiChunkScanner scanner = new OpenAiChunkScanner();
    private final UsageMeter meter = new UsageMeter();
    private boolean done;
    private boolean finished;
    private int events;

    public OpenAiPassThroughStream(String provider, boolean callerWantsUsage) {
        this.provider = provider;
        this.callerWantsUsage = callerWantsUsage;
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        parser.feed(chunk, event -> forward(event, out));
    }

    private void forward(SseEvent event, Consumer<byte[]> out) {
        if (!event.hasData()) {
            out.accept(event.raw());
            return;
        }
        if (event.isDone()) {
            done = true;
            out.accept(event.raw());
            return;
        }
        byte[] data = event.data();
        scanner.scan(data);
        if (!scanner.wellFormed()) {
            throw UpstreamErrors.malformed(provider, "stream event (not a JSON object)");
        }
        boolean usageChunk = false;
        if (scanner.hasError() || scanner.hasUsage() || scanner.modelNeedsParse()) {
            // The rare chunk that needs a real parse: usage (once per stream), an error, an escaped model name.
            OpenAiAnswerScan.Answer answer = OpenAiAnswerScan.scan(provider, "stream event", data, scanner);
            if (answer.error() != null) {
                String message = answer.error().path("message").asText("no error message");
                throw GatewayException.builder(
                                ErrorCode.UPSTREAM_ERROR,
                                "Provider '" + provider + "' reported an error in the stream: " + message)
                        .provider(provider)
                        .build();
            }
            if (answer.model() != null) {
                meter.model(answer.model());
            }
            if (answer.usage() != null) {
                meter.usage(answer.usage());
            }
            usageChunk = answer.isUsageChunk();
        } else if (meter.model() == null) {
            meter.model(scanner.model(data));
        }
        finished |= scanner.finished();
        for (int k = 0; k < scanner.textCount(); k++) {
            meter.delivered().appendJsonString(data, scanner.textStart(k), scanner.textEnd(k));
        }
        if (events++ > 0) {
            meter.markContent();
        }
        if (callerWantsUsage) {
            Double cost = usageChunk ? meter.cost() : null;
            out.accept(cost == null ? event.raw() : withCost(data, scanner.usageEnd() - 1, cost));
        } else if (!usageChunk) {
            out.accept(
                    scanner.usageNullStart() < 0
                            ? event.raw()
                            : NullUsage.event(data, scanner.usageNullStart(), scanner.usageNullEnd()));
        }
    }

    /** The usage chunk as an event again, with {@code "cost_usd"} added as the usage object's last member. */
    private static byte[] withCost(byte[] data, int usageClose, double cost) {
        byte[] field = (",\"cost_usd\":" + Usd.format(cost)).getBytes(StandardCharsets.US_ASCII);
        byte[] event = new byte[DATA.length + data.length + field.length + END.length];
        int at = 0;
        System.arraycopy(DATA, 0, event, at, DATA.length);
        at += DATA.length;
        System.arraycopy(data, 0, event, at, usageClose);
        at += usageClose;
        System.arraycopy(field, 0, event, at, field.length);
        at += field.length;
        System.arraycopy(data, usageClose, event, at, data.length - usageClose);
        at += data.length - usageClose;
        System.arraycopy(END, 0, event, at, END.length);
        return event;
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        boolean partial = parser.finish();
        if (done || (finished && !partial)) {
            return;
        }
        throw GatewayException.builder(
                        ErrorCode.UPSTREAM_ERROR,
                        "Provider '" + provider + "' ended the stream before it was complete.")
                .provider(provider)
                .build();
    }

    @Override
    public byte[] error(GatewayException e) {
        return OpenAiStreamEncoder.errorEvent(e);
    }

    @Override
    public UsageMeter meter() {
        return meter;
    }
}
