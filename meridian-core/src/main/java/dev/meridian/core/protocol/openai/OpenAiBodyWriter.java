package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the top-level fields of an upstream request body, remembering their names so the provider's
 * configured {@code extraBody} can be merged afterwards without overriding what the gateway wrote from the
 * caller's request (the caller's fields win; the merge is shallow). Null values are skipped.
 */
final class OpenAiBodyWriter {

    private final JsonGenerator g;
    private final Set<String> written = new HashSet<>();

    OpenAiBodyWriter(JsonGenerator g) {
        this.g = g;
    }

    /** Starts a field whose value the caller writes next with the generator. */
    JsonGenerator field(String name) throws IOException {
        written.add(name);
        g.writeFieldName(name);
        return g;
    }

    void string(String name, String value) throws IOException {
        if (value != null) {
            field(name).writeString(value);
        }
    }

    /** An array of strings; nothing for an empty list. */
    void strings(String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            field(name).writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    void number(String name, Number value) throws IOException {
        if (value instanceof Double d) {
            field(name).writeNumber(d);
        } else if (value != null) {
            field(name).writeNumber(value.longValue());
        }
    }

    void bool(String name, Boolean value) throws IOException {
        if (value != null) {
            field(name).writeBoolean(value);
        }
    }

    void tree(String name, JsonNode value) throws IOException {
        if (value != null) {
            field(name);
            Json.MAPPER.writeTree(g, value);
        }
    }

    /** Adds the configured extra fields the body does not already hold. */
    void mergeExtra(Map<String, JsonNode> extraBody) throws IOException {
        for (Map.Entry<String, JsonNode> e : extraBody.entrySet()) {
            if (!written.contains(e.getKey())) {
                tree(e.getKey(), e.getValue());
            }
        }
    }
}
