package dev.meridian.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The gateway's one JSON configuration. Limits: strings up to 256 MiB (inline base64 images and
 * documents are long; the request body limit is the real bound), nesting up to {@value #MAX_DEPTH} levels (tool
 * schemas need a few dozen), numbers up to {@value #MAX_NUMBER_DIGITS} characters. Duplicate keys are rejected
 * rather than silently resolved. {@link #invalidBody} turns any parse failure into the API's 400.
 */
public final class Json {

    /** The deepest nesting of arrays and objects a body may have. */
    public static final int MAX_DEPTH = 256;

    /** The longest number, in characters, a body may hold. */
    public static final int MAX_NUMBER_DIGITS = 1000;

    private static final int MAX_STRING = 256 * 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING)
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .build();

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * For streaming scans of bodies that pass through: no duplicate detection at every level (it costs a set
     * per object); scanners check the top-level keys they act on themselves.
     */
    public static final JsonFactory SCAN_FACTORY =
            JsonFactory.builder().streamReadConstraints(LIMITS).build();

    /**
     * For the records the gateway writes for itself and reads back (the request-log journal, the access log): no
     * duplicate detection, and doubles written by Jackson's Schubfach writer and read by FastDoubleParser, which
     * round-trip exactly like the JDK's {@code Double.toString} and {@code parseDouble} at a fraction of their cost.
     */
    public static final JsonFactory RECORD_FACTORY = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * Parses bytes into a tree; throws {@link IOException} subclasses for malformed input, including
     * content after the first value. Returns a missing node for empty input.
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() == null) {
                return MAPPER.missingNode();
            }
            JsonNode node = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the JSON value");
            }
            return node;
        }
    }

    /** Parses bytes known to be JSON the gateway produced itself. */
    public static JsonNode parseTrusted(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of an optional string field; null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The 400 {@code invalid_json} for a body that does not parse, said in the API's terms: where, and what is wrong,
     * never the parser's own class or setting names.
     */
    public static GatewayException invalidBody(JsonProcessingException e) {
        String problem = e instanceof StreamConstraintsException
                ? limitExceeded(e.getOriginalMessage())
                : String.valueOf(e.getOriginalMessage()).replaceAll(" ?\\(from `[^`]*`\\)", "");
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0
                ? ""
                : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return GatewayException.of(
                ErrorCode.INVALID_JSON, "We could not parse the JSON body of your request: " + problem + where + ".");
    }

    private static String limitExceeded(String message) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "arrays and objects nest deeper than " + MAX_DEPTH + " levels";
        }
        if (m.startsWith("Number")) {
            return "a number is longer than " + MAX_NUMBER_DIGITS + " characters";
        }
        if (m.startsWith("String")) {
            return "a string is longer than " + MAX_STRING + " characters";
        }
        if (m.startsWith("Name")) {
            return "a field name is too long";
        }
        return "the body is larger or deeper than this API accepts";
    }
}
