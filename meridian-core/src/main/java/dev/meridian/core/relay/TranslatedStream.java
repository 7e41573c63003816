package dev.meridian.core.relay;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A provider's stream in any protocol to a caller in any protocol: the provider's SSE parsed once, each event
 * decoded into canonical events by the provider's decoder, passed through the filters in order (the usage meter
 * first), and each resulting event encoded by the caller's encoder. One event in, its translation out.
 */
public final class TranslatedStream implements StreamTranslator {

    private final ChatStreamDecoder decoder;
    private final StreamEncoder encoder;
    private final UsageMeter meter = new UsageMeter();
    private final List<StreamFilter> chain;
    private final SseParser parser = new SseParser(false);
    private Consumer<byte[]> out;

    /** @param filters applied in order after the usage meter */
    public TranslatedStream(ChatStreamDecoder decoder, List<StreamFilter> filters, StreamEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
        List<StreamFilter> all = new ArrayList<>(filters.size() + 1);
        all.add(meter);
        all.addAll(filters);
        this.chain = List.copyOf(all);
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        this.out = out;
        parser.feed(chunk, event -> decoder.decode(event, e -> filter(0, e)));
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        this.out = out;
        parser.finish();
        decoder.end(e -> filter(0, e));
        for (int i = 0; i < chain.size(); i++) {
            int from = i + 1;
            chain.get(i).onEnd(e -> filter(from, e));
        }
        out.accept(encoder.finish());
    }

    /** Hands {@code event} to filter {@code index}, or to the encoder after the last filter. */
    private void filter(int index, StreamEvent event) {
        if (index == chain.size()) {
            byte[] bytes = encoder.encode(event);
            if (bytes.length > 0) {
                out.accept(bytes);
            }
            return;
        }
        chain.get(index).onEvent(event, e -> filter(index + 1, e));
    }

    @Override
    public byte[] error(GatewayException e) {
        return encoder.error(e);
    }

    @Override
    public Usage usage() {
        return meter.usage();
    }

    @Override
    public String model() {
        return meter.model();
    }

    @Override
    public boolean contentStarted() {
        return meter.contentStarted();
    }
}
