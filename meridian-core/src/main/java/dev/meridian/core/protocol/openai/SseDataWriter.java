package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a stream's {@code data: <json>\n\n} events with one generator and one buffer for the whole stream: a
 * generator per event (and its buffers) cost more than the event's JSON. One per stream; not thread-safe.
 */
final class SseDataWriter {

    private final ByteArrayBuilder buffer;
    private final JsonGenerator generator;

    /** @param capacity the buffer's first size: about one event */
    SseDataWriter(int capacity) {
        buffer = new ByteArrayBuilder(capacity);
        try {
            generator = Json.FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event whose data is what {@code body} writes. */
    byte[] event(OpenAiJson.Body body) {
        try {
            generator.writeRaw("data: ");
            body.write(generator);
            generator.writeRaw("\n\n");
            generator.flush();
            byte[] out = buffer.toByteArray();
            buffer.reset();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
