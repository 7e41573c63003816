package dev.meridian.server.pipeline;

import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * What the pipeline answers: a complete body, or a stream still being received from the provider (nothing
 * has been written to the caller yet, so a stage may still retry). Failures are failed futures carrying a
 * GatewayException, rendered in the caller's protocol in one place.
 */
public sealed interface Reply {

    record Complete(int status, Map<String, String> headers, Buffer body) implements Reply {
    }

    /**
     * A provider stream to relay to the caller through {@code translator}: {@code first} holds the bytes that
     * arrived first, and the provider's response is paused after them.
     */
    record Streaming(Map<String, String> headers, UpstreamExchange exchange, StreamTranslator translator,
                     Buffer first) implements Reply {
    }
}
