package dev.meridian.bench.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The pass-through scan as it was before field validation (commit {@code 7fce381}): one streaming pass that reads
 * {@code model}, {@code stream} and {@code stream_options}, checks that {@code messages} is an array, and skips
 * everything else. Kept only as the benchmark's baseline, so both costs are measured in one run; not a gateway path.
 */
final class UnvalidatedScan {

    private UnvalidatedScan() {}

    /** What the old scan found, reduced to what keeps the JIT from discarding the work. */
    record Found(String model, int modelStart, int modelEnd, boolean stream, JsonNode streamOptions, int fields) {}

    static Found scanChat(byte[] body) {
        try (JsonParser p = Json.SCAN_FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            String model = null;
            int modelStart = -1;
            int modelEnd = -1;
            boolean stream = false;
            JsonNode options = null;
            Set<String> fields = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!fields.add(name)) {
                    throw new IllegalArgumentException("duplicate field");
                }
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> {
                        modelStart = (int) p.currentTokenLocation().getByteOffset();
                        model = p.getText();
                        modelEnd = (int) p.currentLocation().getByteOffset();
                    }
                    case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                    case "stream_options" -> options = Json.MAPPER.readTree(p);
                    case "messages" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException("messages");
                        }
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content");
            }
            return new Found(model, modelStart, modelEnd, stream, options, fields.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
