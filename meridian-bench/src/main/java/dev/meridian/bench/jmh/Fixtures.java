package dev.meridian.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark inputs, all taken from meridian-core's golden cases (copied onto this module's classpath at build
 * time, see the pom), so the micro-benchmarks run on the same documented provider transcripts as the tests.
 */
public final class Fixtures {

    /** A typical agent turn: two tools, a user question, two tool calls with their results (1,150 bytes compact). */
    static final String TOOL_CONVERSATION = "golden/anthropic/tool-results-multiturn/request.json";

    private Fixtures() {}

    /** The exact bytes of a golden file. */
    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no such fixture on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden JSON file re-serialised without whitespace, as SDKs send bodies. */
    public static byte[] compactJson(String resource) {
        try {
            return Json.MAPPER.writeValueAsBytes(Json.parse(bytes(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The golden tool conversation grown to at least {@code minBytes} by repeating its history (user question,
     * assistant tool calls, tool results) before the final question, as a long agent loop does. Tool call ids
     * are made unique per repetition so the body stays a valid conversation.
     */
    public static byte[] longConversation(int minBytes) {
        ObjectNode request = (ObjectNode) parse(compactJson(TOOL_CONVERSATION));
        ArrayNode messages = (ArrayNode) request.get("messages");
        List<JsonNode> history = new ArrayList<>();
        messages.forEach(history::add);
        JsonNode last = history.remove(history.size() - 1);
        ArrayNode grown = Json.NODES.arrayNode();
        int turn = 0;
        while (true) {
            for (JsonNode m : history) {
                grown.add(renumber(m.deepCopy(), turn));
            }
            turn++;
            request.set("messages", grown.deepCopy().add(last));
            if (Json.bytes(request).length >= minBytes) {
                return Json.bytes(request);
            }
        }
    }

    private static JsonNode renumber(JsonNode message, int turn) {
        String suffix = "_" + turn;
        if (message.has("tool_calls")) {
            message.get("tool_calls")
                    .forEach(c -> ((ObjectNode) c).put("id", c.get("id").asText() + suffix));
        }
        if (message.has("tool_call_id")) {
            ((ObjectNode) message)
                    .put("tool_call_id", message.get("tool_call_id").asText() + suffix);
        }
        return message;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits {@code bytes} into chunks of {@code size} bytes (the last may be shorter); size 0 means one chunk. */
    public static byte[][] chunks(byte[] bytes, int size) {
        if (size <= 0 || size >= bytes.length) {
            return new byte[][] {bytes};
        }
        byte[][] out = new byte[(bytes.length + size - 1) / size][];
        for (int i = 0; i < out.length; i++) {
            int from = i * size;
            out[i] = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size));
        }
        return out;
    }
}
