package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The caller's Messages body with the model replaced and the provider's extra fields inserted, as bytes: everything
 * else is forwarded exactly as the caller wrote it (no re-serialisation, so numbers, escapes and key order stay
 * theirs, and a large context costs one streaming pass instead of a tree written back). Pure.
 */
final class AnthropicSplice {

    /** Where the top-level model string is, {@code [start, end)} with its quotes, and where the object opens. */
    record Model(int objectStart, int start, int end) {}

    private AnthropicSplice() {}

    /** Finds the top-level {@code model} value of a body the front door already parsed and checked. */
    static Model locate(byte[] body) {
        try (JsonParser p = Json.SCAN_FACTORY.createParser(body)) {
            p.nextToken();
            int objectStart = (int) p.currentTokenLocation().getByteOffset();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("model") && value == JsonToken.VALUE_STRING) {
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.getText();
                    return new Model(
                            objectStart, start, (int) p.currentLocation().getByteOffset());
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a body the front door parsed no longer parses", e);
        }
        throw new IllegalStateException("a body the front door checked has no model");
    }

    /**
     * @param present the body's top-level field names: {@code extraBody} fields among them are not inserted
     */
    static byte[] rewrite(
            byte[] body, Model at, String upstreamModel, Map<String, JsonNode> extraBody, JsonNode present) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.write(body, 0, at.objectStart() + 1);
        extraBody.forEach((field, value) -> {
            if (!present.has(field)) {
                out.writeBytes(Json.bytes(Json.NODES.textNode(field)));
                out.write(':');
                out.writeBytes(Json.bytes(value));
                out.write(',');
            }
        });
        out.write(body, at.objectStart() + 1, at.start() - at.objectStart() - 1);
        out.writeBytes(Json.bytes(Json.NODES.textNode(upstreamModel)));
        out.write(body, at.end(), body.length - at.end());
        return out.toByteArray();
    }
}
