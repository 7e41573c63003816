package dev.meridian.core.relay;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import java.util.function.Consumer;

/**
 * Turns the bytes of a provider's event stream into the bytes of the caller's event stream, chunk by chunk
 * as they arrive, while reading what accounting needs. Pure: the server feeds it what the network delivers
 * and writes what it produces. One per stream; not thread-safe.
 */
public interface StreamTranslator {

    /**
     * Translates the next chunk of upstream bytes, handing each complete caller event to {@code out}.
     *
     * @throws GatewayException when the provider sent an error event or something unreadable; the caller's
     *                          stream must then end with {@link #error}
     */
    void onBytes(byte[] chunk, Consumer<byte[]> out);

    /**
     * The upstream stream ended: hands the caller's closing events (usage, end marker) to {@code out}.
     *
     * @throws GatewayException when the stream ended before the provider's end (a cut stream)
     */
    void onEnd(Consumer<byte[]> out);

    /** The caller event that reports a failure and ends the stream. */
    byte[] error(GatewayException e);

    /** The stream's usage accounting: what the provider reported, whichever path the stream takes. */
    UsageMeter meter();

    /** The usage the provider reported so far (cumulative), or null. */
    default Usage usage() {
        return meter().usage();
    }

    /** The model the provider named in its events, or null. */
    default String model() {
        return meter().model();
    }

    /** True once the first content event (not the start event) has been produced, for time-to-first-token. */
    default boolean contentStarted() {
        return meter().contentStarted();
    }
}
