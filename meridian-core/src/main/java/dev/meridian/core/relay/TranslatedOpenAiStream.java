package dev.meridian.core.relay;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiStreamEncoder;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.sse.SseParser;

import java.util.function.Consumer;

/**
 * Another provider's stream to an OpenAI caller: parse the provider's SSE, decode each event into gateway
 * events with the provider's decoder, encode each as an OpenAI chunk. One event in, its translation out.
 */
public final class TranslatedOpenAiStream implements StreamTranslator {

    private final ChatStreamDecoder decoder;
    private final OpenAiStreamEncoder encoder;
    private final SseParser parser = new SseParser(false);
    private String model;
    private boolean contentStarted;

    public TranslatedOpenAiStream(ChatStreamDecoder decoder, boolean callerWantsUsage) {
        this.decoder = decoder;
        this.encoder = new OpenAiStreamEncoder(callerWantsUsage);
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        parser.feed(chunk, event -> decoder.decode(event, e -> emit(e, out)));
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        parser.finish();
        decoder.end(e -> emit(e, out));
        out.accept(encoder.finish());
    }

    private void emit(StreamEvent event, Consumer<byte[]> out) {
        if (event instanceof StreamEvent.Started s) {
            model = s.model();
        } else if (!(event instanceof StreamEvent.UsageReported)) {
            contentStarted = true;
        }
        byte[] bytes = encoder.encode(event);
        if (bytes.length > 0) {
            out.accept(bytes);
        }
    }

    @Override
    public byte[] error(GatewayException e) {
        return OpenAiStreamEncoder.error(e);
    }

    @Override
    public Usage usage() {
        return encoder.usage();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean contentStarted() {
        return contentStarted;
    }
}
