package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.golden.JsonTrees;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hub-and-spoke property for the OpenAI codec: for every OpenAI request R the inbound decoder accepts,
 * {@code encode(decode(R))} equals R for every field the decoder understands, once both sides are put in
 * the normal form the decoder produces (see {@link #normalize}). Run over every golden request and over
 * fixtures that together set every field the decoder reads.
 */
class OpenAiRequestRoundTripTest {

    private static final List<String> FIXTURES = List.of("""
            {"model":"gpt-4.1","messages":[
              {"role":"developer","content":"Be brief.","name":"ops"},
              {"role":"system","content":"Answer in French.","cache_control":{"type":"ephemeral","ttl":"1h"}},
              {"role":"user","content":[{"type":"text","text":"Describe"},
                {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ","detail":"high"},
                 "cache_control":{"type":"ephemeral"}}]},
              {"role":"assistant","content":[{"type":"text","text":"Part one. "},{"type":"refusal","refusal":"No more."}]},
              {"role":"assistant","content":"","tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"ok"}]},
              {"role":"user","content":"next"}],
             "max_tokens":64,"temperature":0,"top_p":1,"top_k":5,"n":2,"stop":["a","b"],"seed":-7,
             "presence_penalty":-2,"frequency_penalty":2,"logit_bias":{"1":5},"logprobs":false,"top_logprobs":0,
             "tools":[{"type":"function","function":{"name":"f"},"cache_control":{"type":"ephemeral"}}],
             "tool_choice":"required","parallel_tool_calls":true,"response_format":{"type":"json_object"},
             "reasoning_effort":"minimal","user":"u","metadata":{"k":"v"},"stream":true,
             "stream_options":{"include_usage":true}}
            """, """
            {"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":10,"stop":"x",
             "response_format":{"type":"json_schema","json_schema":{"name":"s","description":"d"}},
             "tool_choice":"none","reasoning_effort":"none","stream":false,"service_tier":"flex",
             "thinking":{"type":"enabled","budget_tokens":1500}}
            """, """
            {"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"text"},
             "tool_choice":"auto","stream":true,"stream_options":{"include_usage":false},
             "thinking":{"type":"disabled"},"reasoning_effort":"high"}
            """);

    @TestFactory
    Stream<DynamicTest> encodeOfDecode_isIdentity() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < FIXTURES.size(); i++) {
            String json = FIXTURES.get(i);
            String name = "fixture " + i;
            tests.add(DynamicTest.dynamicTest(name, () -> assertRoundTrip(name, json)));
        }
        Path golden = Path.of(getClass().getResource("/golden").toURI());
        try (Stream<Path> files = Files.walk(golden)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("request.json"))
                    .sorted()
                    .toList()) {
                String json = Files.readString(p);
                String name = golden.relativize(p).toString();
                if (decodes(json)) {
                    tests.add(DynamicTest.dynamicTest(name, () -> assertRoundTrip(name, json)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(FIXTURES.size() + 10);
        return tests.stream();
    }

    private static boolean decodes(String json) {
        try {
            OpenAiRequestDecoder.decodeChat(json.getBytes());
            return true;
        } catch (GatewayException refusedByDecoder) {
            return false;
        }
    }

    private static void assertRoundTrip(String where, String json) {
        ChatRequest decoded = OpenAiRequestDecoder.decodeChat(json.getBytes());
        OpenAiRequestEncoder encoder = new OpenAiRequestEncoder(
                OpenAiRequestEncoder.TokenLimit.MAX_COMPLETION_TOKENS, decoded.includeUsage(), Map.of());
        JsonNode original = Json.parseTrusted(json);
        JsonNode encoded = Json.parseTrusted(new String(encoder.encode(decoded, decoded.model())));
        ObjectNode expected = normalize(original, decoded);
        JsonTrees.assertMatches(where, expected, normalize(encoded, decoded));
    }

    /**
     * The decoder's normal form: nulls are absent; unknown top-level fields are not the codec's; one output
     * limit field; {@code stop} is a list; message content is a list of parts with a message-level cache
     * marker moved to its last part and refusals as text; tool calls have a type; a schema without a schema
     * is {"type":"object"}; {@code thinking} is its {@code reasoning_effort}, and effort none is absent;
     * {@code stream: false} and {@code include_usage: false} are absent.
     */
    static ObjectNode normalize(JsonNode request, ChatRequest decoded) {
        ObjectNode r = (ObjectNode) withoutNulls(request.deepCopy());
        decoded.unknown().keySet().forEach(r::remove);
        if (r.has("max_tokens")) {
            r.set("max_completion_tokens", r.remove("max_tokens"));
        }
        JsonNode stop = r.get("stop");
        if (stop != null && stop.isTextual()) {
            r.putArray("stop").add(stop.textValue());
        } else if (stop != null && stop.isEmpty()) {
            r.remove("stop");
        }
        for (JsonNode m : r.withArray("messages")) {
            normalizeMessage((ObjectNode) m);
        }
        JsonNode schema = r.path("response_format").path("json_schema");
        if (schema.isObject() && !schema.has("schema")) {
            ((ObjectNode) schema).putObject("schema").put("type", "object");
        }
        JsonNode thinking = r.remove("thinking");
        if ("none".equals(r.path("reasoning_effort").asText())) {
            r.remove("reasoning_effort");
        }
        if (thinking != null && thinking.has("budget_tokens") && !r.has("reasoning_effort")) {
            r.put("reasoning_effort", OpenAiRequestEncoder.effort(decoded.reasoning()));
        }
        if (!r.path("stream").asBoolean(false)) {
            r.remove("stream");
        }
        if (!r.path("stream_options").path("include_usage").asBoolean(false)) {
            r.remove("stream_options");
        }
        return r;
    }

    private static void normalizeMessage(ObjectNode m) {
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            m.putArray("content").addObject().put("type", "text").put("text", content.textValue());
        }
        JsonNode messageCache = m.remove("cache_control");
        ArrayNode parts = m.has("content") ? (ArrayNode) m.get("content") : null;
        if (parts != null) {
            for (JsonNode p : parts) {
                if ("refusal".equals(p.path("type").asText())) {
                    ((ObjectNode) p).put("type", "text").set("text", ((ObjectNode) p).remove("refusal"));
                }
            }
            if (messageCache != null) {
                ((ObjectNode) parts.get(parts.size() - 1)).set("cache_control", messageCache);
            }
        }
        for (JsonNode call : m.path("tool_calls")) {
            ((ObjectNode) call).put("type", "function");
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    withoutNulls(e.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(OpenAiRequestRoundTripTest::withoutNulls);
        }
        return node;
    }
}
