package dev.meridian.core.relay;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.sse.SseEvent;
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
    private final SseParser parser = new SseParser(false);
    /** {@code steps[i]} hands an event to filter i; the last step encodes it. Built once, so no event allocates. */
    private final List<Consumer<StreamEvent>> steps;

    private final List<StreamFilter> chain;
    private final Consumer<SseEvent> decode;
    private Consumer<byte[]> out;

    /** @param filters applied in order after the usage meter */
    @SuppressWarnings("unchecked") // an array of Consumer<StreamEvent>, filled here and then only read
    public TranslatedStream(ChatStreamDecoder decoder, List<StreamFilter> filters, StreamEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
        List<StreamFilter> all = new ArrayList<>(filters.size() + 1);
        all.add(meter);
        all.addAll(filters);
        this.chain = List.copyOf(all);
        Consumer<StreamEvent>[] built = new Consumer[chain.size() + 1];
        built[chain.size()] = this::encode;
        for (int i = chain.size() - 1; i >= 0; i--) {
            StreamFilter filter = chain.get(i);
            Consumer<StreamEvent> next = built[i + 1];
            built[i] = event -> filter.onEvent(event, next);
        }
        this.steps = List.of(built);
        Consumer<StreamEvent> first = built[0];
        this.decode = event -> decoder.decode(event, first);
    }

    @Override
    public void onBytes(byte[] chunk, Consumer<byte[]> out) {
        this.out = out;
        parser.feed(chunk, decode);
    }

    @Override
    public void onEnd(Consumer<byte[]> out) {
        this.out = out;
        parser.finish();
        decoder.end(steps.get(0));
        for (int i = 0; i < chain.size(); i++) {
            chain.get(i).onEnd(steps.get(i + 1));
        }
        out.accept(encoder.finish(meter.cost()));
    }

    private void encode(StreamEvent event) {
        byte[] bytes = encoder.encode(event);
        if (bytes.length > 0) {
            out.accept(bytes);
        }
    }

    @Override
    public byte[] error(GatewayException e) {
        return encoder.error(e);
    }

    @Override
    public UsageMeter meter() {
        return meter;
    }
}
