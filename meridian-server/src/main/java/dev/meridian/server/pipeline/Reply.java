package dev.meridian.server.pipeline;

import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamTranslator;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * What the pipeline answers: a complete body, or a stream not yet written to the caller (so a stage may still
 * retry elsewhere). Failures are failed futures carrying a GatewayException, rendered in the caller's protocol
 * by the writer and nowhere else.
 */
public sealed interface Reply {

    /** A whole answer, already in the caller's protocol, with the usage and model read from it. */
    record Complete(int status, Map<String, String> headers, Buffer body, Usage usage, String model) implements Reply {}

    /** A stream to relay: bytes from {@code source} turned into the caller's events by {@code translator}. */
    record Streaming(Map<String, String> headers, StreamSource source, StreamTranslator translator) implements Reply {}
}
