package dev.meridian.core.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SHA-256 of a JSON request in canonical form: object keys sorted (by UTF-16 code unit, at every depth), no
 * whitespace, numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} are one number), strings as JSON escapes
 * them. Top-level fields that do not change the answer are left out and the model is replaced by the model group,
 * so two requests differing only in key order, spacing, the stream flag, the caller's user id or an alias of the
 * same group share a key. Pure and thread-safe.
 */
public final class CanonicalJson {

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalJson() {}

    /**
     * @param request the request, already validated by its front door (a JSON object)
     * @param ignored top-level fields that do not change the answer
     * @param modelField the top-level field naming the model, replaced by {@code group}
     * @param door       the front door's protocol and operation, digested first: the same JSON sent to two doors is
     *                   two requests whose answers are in two protocols
     */
    public static CacheFingerprint fingerprint(
            JsonNode request, Set<String> ignored, String modelField, String group, String door) {
        MessageDigest sha = sha256();
        sha.update(door.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        try (JsonGenerator g = Json.FACTORY.createGenerator(new DigestSink(sha))) {
            g.writeStartObject();
            List<String> names = sortedNames(request);
            for (String name : names) {
                if (ignored.contains(name)) {
                    continue;
                }
                g.writeFieldName(name);
                if (name.equals(modelField)) {
                    g.writeString(group);
                } else {
                    write(g, request.get(name));
                }
            }
            if (!request.has(modelField)) {
                g.writeStringField(modelField, group);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode t = request.get("temperature");
        Double temperature = t != null && t.isNumber() ? t.doubleValue() : null;
        return new CacheFingerprint(HEX.formatHex(sha.digest()), temperature);
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (String name : sortedNames(node)) {
                    g.writeFieldName(name);
                    write(g, node.get(name));
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case NUMBER -> writeNumber(g, node);
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            default -> g.writeNull();
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            g.writeNumber(node.longValue());
            return;
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        if (value.scale() <= 0 && value.precision() - value.scale() <= 18) {
            g.writeNumber(value.longValueExact());
        } else {
            g.writeNumber(value.toString());
        }
    }

    private static List<String> sortedNames(JsonNode object) {
        List<String> names = new ArrayList<>(object.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        names.sort(null);
        return names;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Feeds the canonical bytes straight into the digest, so the canonical text is never held whole. */
    private static final class DigestSink extends OutputStream {
        private final MessageDigest digest;

        DigestSink(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }
}
