package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes JSON straight to bytes with a streaming generator (no tree), for the encoders on the answer path. */
final class OpenAiJson {

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private OpenAiJson() {}

    static byte[] write(Body body) {
        return write(null, body, null);
    }

    /** Writes {@code prefix} + JSON + {@code suffix} (the SSE framing) into one array. */
    static byte[] write(byte[] prefix, Body body, byte[] suffix) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            if (prefix != null) {
                out.write(prefix);
            }
            try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                body.write(g);
            }
            if (suffix != null) {
                out.write(suffix);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
