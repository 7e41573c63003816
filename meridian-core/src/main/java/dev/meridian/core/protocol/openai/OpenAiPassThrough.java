package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.Json;
import dev.meridian.core.json.StreamFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Same-protocol forwarding of an OpenAI request body without parsing it into a tree or re-serializing it:
 * one streaming pass validates the request (JSON, then each field by OpenAI's reference) and records where the few fields the gateway reads or changes
 * are ({@link #scanChat}, {@link #scanEmbeddings}); {@link #rewrite} then splices bytes, changing only the
 * model name, {@code stream_options} (usage is always requested upstream, for exact accounting) and the
 * provider's configured extra fields. Unknown fields, key order and formatting pass as they came.
 */
public final class OpenAiPassThrough {

    private static final byte[] INCLUDE_USAGE =
            "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);

    private OpenAiPassThrough() {}

    /**
     * What a scan found. Offsets are byte positions in the body: {@code [modelStart, modelEnd)} is the model
     * value including its quotes; {@code streamOptionsStart} is -1 when the field is absent.
     */
    public record Scan(
            String model,
            int objectStart,
            int modelStart,
            int modelEnd,
            boolean stream,
            boolean includeUsage,
            int streamOptionsStart,
            int streamOptionsEnd,
            JsonNode streamOptions,
            Set<String> fields) {}

    /**
     * Validates a chat completions body before any provider sees it: a well-formed JSON object, {@code model} a
     * string, {@code stream} a boolean, {@code stream_options} an object only when streaming, and every field
     * OpenAI's reference defines checked for type, range and shape ({@link OpenAiChatFields}). Unknown fields pass.
     *
     * @throws GatewayException 400 naming the field, or {@code invalid_json}
     */
    public static Scan scanChat(byte[] body) {
        Scan scan = scan(body, true);
        if (!scan.fields().contains("messages")) {
            throw GatewayException.invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (scan.streamOptions() != null && !scan.stream()) {
            throw GatewayException.invalid(
                    "stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        return scan;
    }

    /**
     * Validates an embeddings body before any provider sees it: a JSON object with a string {@code model}, and
     * {@code input} and the other fields of the reference checked ({@link OpenAiEmbeddingFields}). Unknown fields
     * pass.
     */
    public static Scan scanEmbeddings(byte[] body) {
        Scan scan = scan(body, false);
        if (!scan.fields().contains("input")) {
            throw GatewayException.invalid("input", "Missing required parameter: 'input'.");
        }
        return scan;
    }

    /**
     * The body to send upstream: the model replaced by {@code upstreamModel}; for a stream with
     * {@code forceUsage}, {@code stream_options.include_usage} set to true (other stream options kept);
     * {@code extraBody} fields the caller did not set added at the top.
     */
    public static byte[] rewrite(
            byte[] body, Scan scan, String upstreamModel, boolean forceUsage, Map<String, JsonNode> extraBody) {
        List<Edit> edits = new ArrayList<>(3);
        ByteArrayOutputStream inserted = new ByteArrayOutputStream();
        if (scan.stream() && forceUsage && !scan.includeUsage()) {
            if (scan.streamOptionsStart() < 0) {
                inserted.writeBytes(INCLUDE_USAGE);
            } else {
                // An explicit null is replaced, not left after an inserted member where it would win.
                ObjectNode options = scan.streamOptions() == null
                        ? Json.NODES.objectNode()
                        : scan.streamOptions().deepCopy();
                options.put("include_usage", true);
                edits.add(new Edit(scan.streamOptionsStart(), scan.streamOptionsEnd(), Json.bytes(options)));
            }
        }
        for (Map.Entry<String, JsonNode> e : extraBody.entrySet()) {
            if (!scan.fields().contains(e.getKey())) {
                inserted.writeBytes(Json.bytes(Json.NODES.textNode(e.getKey())));
                inserted.write(':');
                inserted.writeBytes(Json.bytes(e.getValue()));
                inserted.write(',');
            }
        }
        if (inserted.size() > 0) {
            edits.add(new Edit(scan.objectStart() + 1, scan.objectStart() + 1, inserted.toByteArray()));
        }
        if (!upstreamModel.equals(scan.model())) {
            edits.add(new Edit(scan.modelStart(), scan.modelEnd(), quoted(upstreamModel)));
        }
        if (edits.isEmpty()) {
            return body;
        }
        edits.sort((a, b) -> Integer.compare(a.start, b.start));
        int size = body.length;
        for (Edit edit : edits) {
            size += edit.replacement.length - (edit.end - edit.start);
        }
        byte[] out = new byte[size];
        int at = 0;
        int written = 0;
        for (Edit edit : edits) {
            System.arraycopy(body, at, out, written, edit.start - at);
            written += edit.start - at;
            System.arraycopy(edit.replacement, 0, out, written, edit.replacement.length);
            written += edit.replacement.length;
            at = edit.end;
        }
        System.arraycopy(body, at, out, written, body.length - at);
        return out;
    }

    private record Edit(int start, int end, byte[] replacement) {}

    private static byte[] quoted(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }

    private static Scan scan(byte[] body, boolean chat) {
        try (JsonParser p = Json.SCAN_FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw GatewayException.of(
                        ErrorCode.INVALID_JSON,
                        body.length == 0
                                ? "The request body is empty; expected a JSON object."
                                : "The request body must be a JSON object.");
            }
            int objectStart = (int) p.currentTokenLocation().getByteOffset();
            String model = null;
            int modelStart = -1;
            int modelEnd = -1;
            boolean stream = false;
            boolean includeUsage = false;
            int optionsStart = -1;
            int optionsEnd = -1;
            JsonNode options = null;
            Set<String> fields = new HashSet<>();
            StreamFields checks = new StreamFields(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!fields.add(name)) {
                    // A second "model" could route by one value and reach the provider with the other.
                    throw GatewayException.of(
                            ErrorCode.INVALID_JSON,
                            "We could not parse the JSON body of your" + " request: duplicate field '" + name + "'.");
                }
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            break;
                        }
                        if (value != JsonToken.VALUE_STRING) {
                            throw Fields.mistyped("model", "a string", value);
                        }
                        modelStart = (int) p.currentTokenLocation().getByteOffset();
                        model = p.getText();
                        modelEnd = (int) p.currentLocation().getByteOffset();
                    }
                    case "stream" -> {
                        if (chat
                                && value != JsonToken.VALUE_TRUE
                                && value != JsonToken.VALUE_FALSE
                                && value != JsonToken.VALUE_NULL) {
                            throw Fields.mistyped("stream", "a boolean", value);
                        }
                        stream = value == JsonToken.VALUE_TRUE;
                    }
                    case "stream_options" -> {
                        if (!chat) {
                            p.skipChildren();
                            break;
                        }
                        if (value == JsonToken.VALUE_NULL) {
                            // No options, but where they stand is kept: a rewrite that asks for usage replaces it.
                            optionsStart = (int) p.currentTokenLocation().getByteOffset();
                            optionsEnd = (int) p.currentLocation().getByteOffset();
                            break;
                        }
                        if (value != JsonToken.START_OBJECT) {
                            throw Fields.mistyped("stream_options", "an object", value);
                        }
                        optionsStart = (int) p.currentTokenLocation().getByteOffset();
                        options = Json.MAPPER.readTree(p);
                        optionsEnd = (int) p.currentLocation().getByteOffset();
                        JsonNode include = options.get("include_usage");
                        if (include != null && !include.isNull() && !include.isBoolean()) {
                            throw GatewayException.invalid(
                                    "stream_options.include_usage",
                                    "Invalid type for 'stream_options.include_usage': expected a boolean.");
                        }
                        includeUsage = include != null && include.asBoolean(false);
                    }
                    default -> check(checks, chat, name, value);
                }
            }
            if (p.nextToken() != null) {
                throw GatewayException.of(
                        ErrorCode.INVALID_JSON,
                        "We could not parse the JSON body of your request: unexpected content after the JSON object.");
            }
            if (model == null) {
                throw GatewayException.invalid("model", "Missing required parameter: 'model'.");
            }
            return new Scan(
                    model,
                    objectStart,
                    modelStart,
                    modelEnd,
                    stream,
                    includeUsage,
                    optionsStart,
                    optionsEnd,
                    options,
                    fields);
        } catch (JsonProcessingException e) {
            throw Json.invalidBody(e);
        } catch (IOException e) {
            throw GatewayException.of(ErrorCode.INVALID_JSON, "We could not read the JSON body of your request.");
        }
    }

    /** A field's value by the reference; a body that is not JSON at all is said to be so first, as OpenAI does. */
    private static void check(StreamFields checks, boolean chat, String name, JsonToken value) throws IOException {
        try {
            if (chat) {
                OpenAiChatFields.check(checks, name, value);
            } else {
                OpenAiEmbeddingFields.check(checks, name, value);
            }
        } catch (GatewayException invalidField) {
            JsonParser p = checks.parser();
            while (p.nextToken() != null) {
                // the rest of the body, read only so that malformed JSON is reported rather than the field
            }
            throw invalidField;
        }
    }
}
